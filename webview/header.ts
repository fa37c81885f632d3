// The header above the views: the design's name (user text, so set as text only), the
// headline numbers, and the ratios against the baseline when there is one.

import { select } from 'd3-selection';
import type { Container } from './charts';
import { BOTTLENECK_LABEL } from './derive';
import { formatBytes, formatCount, formatMs, formatRatio, formatUsd, formatWatts, significant } from './format';
import type { ViewModel } from './protocol';

interface Metric { label: string; value: string; detail?: string; id: string }

export function renderHeader(container: HTMLElement, view: ViewModel, showBaseline: boolean): void {
  const root = select(container) as unknown as Container;
  root.selectAll('*').remove();
  const titleRow = root.append('div').attr('class', 'title-row');
  titleRow.append('h1').attr('class', 'design-name').text(view.name || 'Untitled design');
  const badges = titleRow.append('div').attr('class', 'badges').attr('role', 'status');
  const badge = (text: string, kind: string): void => { badges.append('span').attr('class', `badge ${kind}`).text(text); };
  if (view.errors) badge(`${view.errors} error${view.errors === 1 ? '' : 's'}`, 'error');
  if (view.warnings) badge(`${view.warnings} warning${view.warnings === 1 ? '' : 's'}`, 'warning');
  const result = view.result;
  if (result && !result.memory.fits) badge('does not fit in memory', 'error');
  if (result?.power.throttled) badge(`throttled to ${formatWatts(result.power.tdpWatts)}`, 'warning');
  root.append('div').attr('class', 'file').text(view.file);

  if (!result) {
    root.append('p').attr('class', 'no-result').text(view.errors
      ? 'The config has errors that leave nothing to evaluate: fix them in the editor (see the Problems panel).'
      : 'No evaluation yet.');
    return;
  }

  const metrics: Metric[] = [
    { id: 'decode', label: 'Decode', value: `${formatMs(result.decode.msPerToken)}/token`, detail: BOTTLENECK_LABEL[result.decode.bottleneck] },
    { id: 'ttft', label: 'Time to first token', value: formatMs(result.prefill.ms) },
    { id: 'throughput', label: 'Throughput', value: `${formatCount(result.throughput.outputTokensPerSecond)} tok/s`, detail: `${formatCount(result.throughput.perChip)} per chip` },
    { id: 'power', label: 'Power per chip', value: formatWatts(result.power.watts), detail: `TDP ${formatWatts(result.power.tdpWatts)}` },
    { id: 'cost', label: 'Cost', value: `${formatUsd(result.cost.usdPerMillionOutputTokens)}/1M tok`, detail: result.cost.capitalKnown ? `${formatUsd(result.cost.usdPerResponse)}/response` : 'electricity only: no chip price' },
    ...(result.silicon ? [{ id: 'chipPrice', label: 'Chip price', value: formatUsd(result.silicon.chipPriceUsd),
      detail: `${result.silicon.priceSource}${result.silicon.dieAreaMm2 !== null ? ` · ${Math.round(result.silicon.dieAreaMm2)} mm² at ${result.silicon.process}` : ''}` }] : []),
    { id: 'energy', label: 'Energy', value: `${significant(result.energy.joulesPerOutputToken)} J/token` },
    { id: 'memory', label: 'Memory per chip', value: formatBytes(result.memory.perChip.weightsBytes + result.memory.perChip.kvCacheBytes), detail: `of ${formatBytes(result.memory.perChip.capacityBytes)}` },
  ];
  metricList(root, 'headline', metrics);

  const baseline = view.baseline;
  if (baseline && showBaseline) {
    const r = baseline.ratios;
    const row = root.append('div').attr('class', 'comparison');
    row.append('span').attr('class', 'versus').text(`vs ${baseline.name}`);
    // Ratios are oriented so that above 1 is better for this design (contract §3).
    const ratio = (id: string, label: string, value: number, better: string, worse: string): void => {
      const item = row.append('span').attr('class', `ratio ${value >= 1 ? 'better' : 'worse'}`).attr('data-metric', id);
      item.append('span').attr('class', 'ratio-label').text(`${label} `);
      item.append('strong').text(formatRatio(value >= 1 ? value : 1 / value));
      item.append('span').text(` ${value >= 1 ? better : worse}`);
    };
    ratio('decodeSpeedup', 'decode', r.decodeSpeedup, 'faster', 'slower');
    ratio('prefillSpeedup', 'prefill', r.prefillSpeedup, 'faster', 'slower');
    ratio('perfPerWatt', 'perf/W', r.perfPerWatt, 'better', 'worse');
    // No cost ratio when either side has no chip price (contract §4.4): 0 from the engine.
    if (r.costPerResponse > 0) ratio('costPerResponse', 'cost per response', r.costPerResponse, 'lower', 'higher');
    else row.append('span').attr('class', 'ratio').attr('data-metric', 'costPerResponse').text('cost: not comparable (no chip price)');
  }
}

function metricList(root: Container, className: string, metrics: readonly Metric[]): void {
  const list = root.append('dl').attr('class', className);
  for (const m of metrics) {
    const item = list.append('div').attr('class', 'metric').attr('data-metric', m.id);
    item.append('dt').text(m.label);
    item.append('dd').text(m.value);
    if (m.detail) item.append('dd').attr('class', 'detail').text(m.detail);
  }
}
