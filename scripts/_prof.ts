import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveConfig } from '../model/config/resolve';
import { planExplore, compileExplore } from '../model/explore/evaluator';
import { evaluateChunk } from '../model/explore/run';
import { parseObjective } from '../model/explore/objectives';
import { parseVary } from '../model/explore/varySpec';
import { nodeFileHost as nodeHost } from '../cli/nodeHost';

async function main() {
  const f = resolve('examples/jalapeno.chip.yaml');
  const host = nodeHost(resolve('examples'));
  const resolved = await resolveConfig(readFileSync(f, 'utf8'), f, host);
  const setup = {
    file: f, files: Object.fromEntries(resolved.texts), root: resolve('examples'), sets: [],
    space: { dimensions: ['workload.batch=1..1000:1000','chip.memory.bandwidth=2 TB/s..8 TB/s:10','chip.clock=1 GHz..2 GHz:10','chip.memory.capacity=24 GB..240 GB:10'].map(parseVary), sampling: { kind: 'grid' as const } },
    objectives: ['decode.msPerToken:min', 'cost.usdPerMillionOutputTokens:min'].map(parseObjective), constraints: [], metrics: ['prefill.ms'],
  };
  const plan = await planExplore(setup as never);
  const prepared = compileExplore(setup as never, plan);
  const N = Number(process.argv[2] ?? 200000);
  evaluateChunk(prepared, 0, 20000);
  const t = process.cpuUsage();
  for (let s = 0; s < N; s += 4096) evaluateChunk(prepared, 20000 + s, 4096);
  const c = process.cpuUsage(t);
  console.log(`${Math.round(N / ((c.user + c.system) / 1e6))} points/s one thread`);
}
main();
