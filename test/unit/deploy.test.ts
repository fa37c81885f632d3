// The batch-engine files are data other tools read: the Kubernetes Indexed Job must be a
// valid Indexed Job whose pods cover every shard once, and the Slurm array script must
// derive the shard from the array task. (The Slurm array itself runs in `npm run test:slurm`.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../..');

test('Kubernetes: an Indexed Job with one completion per shard, each pod running shard index + 1 of SHARDS', () => {
  const job = parse(readFileSync(join(ROOT, 'deploy/kubernetes/explore-indexed-job.yaml'), 'utf8'));
  assert.equal(job.apiVersion, 'batch/v1');
  assert.equal(job.kind, 'Job');
  assert.equal(job.spec.completionMode, 'Indexed');
  const container = job.spec.template.spec.containers[0];
  const shards = Number(container.env.find((e: { name: string }) => e.name === 'SHARDS').value);
  assert.equal(job.spec.completions, shards);
  assert.equal(job.spec.template.spec.restartPolicy, 'Never');
  const script = container.args.join(' ');
  assert.match(script, /shard=\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)/);
  assert.match(script, /--shard "\$shard\/\$SHARDS"/);
  assert.match(script, /--json --front/);
  assert.ok(container.volumeMounts.some((m: { mountPath: string }) => script.includes(`${m.mountPath}/shard-`)));
});

test('Slurm: the array script runs shard (task - first + 1) of the task count with the CPUs granted', () => {
  const script = readFileSync(join(ROOT, 'deploy/slurm/explore-array.sbatch'), 'utf8');
  assert.match(script, /shard=\$\(\(SLURM_ARRAY_TASK_ID - \$\{SLURM_ARRAY_TASK_MIN:-1\} \+ 1\)\)/);
  assert.match(script, /--shard "\$shard\/\$count"/);
  assert.match(script, /--threads "\$\{SLURM_CPUS_PER_TASK:-1\}"/);
});
