// Money as an architect reads it in a message: "33,750 USD".

export function formatUsd(usd: number): string {
  return `${Math.round(usd).toLocaleString('en-US')} USD`;
}
