// Numbers as an architect reads them in a message: "33,750 USD". A regex, not
// toLocaleString: that builds an Intl formatter per call, which showed in the save path.

/** 1234567 -> "1,234,567" (rounded to an integer). */
export function groupThousands(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatUsd(usd: number): string {
  return `${groupThousands(usd)} USD`;
}
