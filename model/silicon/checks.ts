// Diagnostics about the die: a price that can be neither given nor modelled, and a die beyond
// the reticle that has to be split into chiplets.

import { nearestInFile } from '../buildDesign';
import type { Config } from '../config/schema';
import type { DesignPoint } from '../design';
import type { Diagnostic, SourceRef } from '../diagnostics';
import { RETICLE_LIMIT_MM2 } from './area';
import { siliconOf } from './fromConfig';

export function siliconDiagnostics(design: DesignPoint, config: Config, origins: ReadonlyMap<string, SourceRef>, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (design.economics.priceSource === 'unknown') {
    const { missing } = siliconOf(config, origins);
    const path = config.chip.process ? 'cost.chip_price' : 'chip.process';
    out.push({ severity: 'warning', code: 'price-unknown', path, at: nearestInFile(path, origins, file),
      message: `This chip has no price: \`cost.chip_price\` is not given, and the price cannot be modelled from the die without ${missing.join(', ')}. Cost per response counts electricity only (no capital), and no cost ratio is shown against a baseline.` });
  }
  const area = design.silicon?.area;
  if (area && area.chiplets > 1) {
    out.push({ severity: 'warning', code: 'reticle-limit', path: 'chip', at: nearestInFile('chip', origins, file),
      message: `The modelled die is ${Math.round(area.totalMm2 - area.dieToDieMm2)} mm², beyond the ${RETICLE_LIMIT_MM2} mm² a scanner exposes in one shot: it has to be built as ${area.chiplets} chiplets of ${Math.round(area.dieMm2)} mm² (with 5 % die-to-die interfaces each) on an interposer. Area and price are modelled that way.` });
  }
  return out;
}
