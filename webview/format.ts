// The views format numbers with the product's one formatter (model/report/format.ts), so a
// number in a chart label reads as it does in the header, the CodeLens and the CLI.

export {
  formatAttainment,
  formatBandwidth,
  formatBytes,
  formatChange,
  formatCount,
  formatJoules,
  formatMs,
  formatOps,
  formatOpsPerSecond,
  formatPercent,
  formatRatio,
  formatSeconds,
  formatShare,
  formatTokensPerSecond,
  formatUsd,
  formatWatts,
  groupThousands,
  opsUnit,
  si,
  significant,
  siTick,
} from '../model/report/format';
