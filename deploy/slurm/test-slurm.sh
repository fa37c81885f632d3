#!/bin/bash
# npm run test:slurm — a real Slurm job array on a one-node cluster on this machine:
# installs slurm-wlm and munge if missing (Debian/Ubuntu, as root), writes a localhost
# slurm.conf, starts munged, slurmctld and slurmd if they are not running, submits the
# exploration as an array of shards, merges the shards' fronts and checks them against a
# single run of the same space. Idempotent: a second run reuses the running cluster.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
SHARDS=${SHARDS:-4}
WORK=$(mktemp -d /tmp/jalapeno-slurm.XXXXXX)
log() { printf 'test:slurm: %s\n' "$*"; }
die() { printf 'test:slurm: FAILED: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "needs root to install and start slurmctld/slurmd/munged (run in CI or a container)"
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  log "installing slurm-wlm and munge"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi
[ -f dist/cli.js ] && [ -f dist/exploreWorker.js ] || { log "building dist/"; npm run build >/dev/null; }

HOST=$(hostname -s)
CPUS=$(nproc)
MEM=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.8 }' /proc/meminfo)
CONF_DIR=/etc/slurm
mkdir -p "$CONF_DIR" /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge /var/lib/munge /var/log/munge /etc/munge
# No cgroups in a container: process tracking by /proc, no task plugin, no accounting.
cat > "$CONF_DIR/slurm.conf.new" <<CONF
ClusterName=jalapeno-local
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEM State=UNKNOWN
PartitionName=local Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
if ! cmp -s "$CONF_DIR/slurm.conf.new" "$CONF_DIR/slurm.conf" 2>/dev/null; then
  mv "$CONF_DIR/slurm.conf.new" "$CONF_DIR/slurm.conf"
  CONF_CHANGED=1
else
  rm "$CONF_DIR/slurm.conf.new"
  CONF_CHANGED=0
fi
# No cgroup.conf: Slurm 22.05 (Debian 12) has no "disabled" cgroup plugin and autodetects;
# with proctrack/linuxproc and task/none nothing is confined through cgroups.

if [ ! -s /etc/munge/munge.key ]; then
  log "creating the munge key"
  dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
fi
chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge /run/munge 2>/dev/null || true
chmod 400 /etc/munge/munge.key
chmod 700 /etc/munge
if ! munge -n </dev/null >/dev/null 2>&1; then
  log "starting munged"
  runuser -u munge -- munged --force 2>/dev/null || munged --force
fi
munge -n </dev/null | unmunge >/dev/null || die "munge does not authenticate"

running() { pgrep -x "$1" >/dev/null; }
if [ "$CONF_CHANGED" = 1 ]; then
  # A new configuration: restart whatever this script started before (pids from their pid files).
  for d in slurmd slurmctld; do [ -f /run/$d.pid ] && kill "$(cat /run/$d.pid)" 2>/dev/null || true; done
  sleep 1
fi
running slurmctld || { log "starting slurmctld"; slurmctld || die "slurmctld did not start (see /var/log/slurm/slurmctld.log)"; }
running slurmd || { log "starting slurmd"; slurmd || die "slurmd did not start (see /var/log/slurm/slurmd.log)"; }

log "waiting for node $HOST"
for _ in $(seq 1 60); do
  state=$(sinfo -h -n "$HOST" -o %T 2>/dev/null || true)
  case "$state" in idle*|mixed*|allocated*) break ;; down*|drain*) scontrol update NodeName="$HOST" State=RESUME 2>/dev/null || true ;; esac
  sleep 1
done
state=$(sinfo -h -n "$HOST" -o %T 2>/dev/null || true)
case "$state" in idle*|mixed*|allocated*) log "node $HOST is $state" ;; *) die "node $HOST is '${state:-unknown}' (see /var/log/slurm/slurmd.log)";; esac

SPACE=(examples/jalapeno.chip.yaml --vary 'workload.batch=1..256:64' --vary 'chip.memory.bandwidth=2 TB/s..8 TB/s:5'
  --vary 'system.chips=4,8' --vary 'system.tensor_parallel=4,8' --vary 'chip.tdp=200 W,300 W'
  --objective decode.msPerToken:min --objective cost.usdPerMillionOutputTokens:min --objective energy.joulesPerOutputToken:min
  --constraint 'prefill.ms<=4000')

log "submitting a job array of $SHARDS shards"
EXPLORE_OUT="$WORK/shards" JALAPENO="$ROOT/dist/cli.js" sbatch --wait --parsable --array=1-"$SHARDS" --cpus-per-task=1 \
  --chdir="$ROOT" --output="$WORK/task-%a.log" --export=ALL deploy/slurm/explore-array.sbatch "${SPACE[@]}" > "$WORK/job" \
  || { cat "$WORK"/task-*.log >&2 || true; die "the job array failed"; }
log "job $(cat "$WORK/job") done: $(ls "$WORK/shards" | wc -l) shard outputs"

node dist/cli.js merge "$WORK"/shards/shard-*.json --json > "$WORK/merged.json" || die "merge reports missing shards"
node dist/cli.js explore "${SPACE[@]}" --json --front > "$WORK/single.json"
node -e '
  const [merged, single] = process.argv.slice(1, 3).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")));
  const key = (j) => JSON.stringify(j.points.filter((p) => p.pareto).map((p) => [p.index, p.values, p.metrics]));
  if (merged.points.length === 0) { console.error("empty front"); process.exit(1); }
  if (key(merged) !== key(single)) { console.error("the merged front differs from the single run"); process.exit(1); }
  if (merged.evaluated !== single.range.size) { console.error(`merged ${merged.evaluated} of ${single.range.size} points`); process.exit(1); }
  console.log(`test:slurm: OK: ${merged.evaluated} points over ${process.argv[3]} array tasks; the merged front of ${merged.points.length} points is identical to the single run`);
' "$WORK/merged.json" "$WORK/single.json" "$SHARDS"
rm -rf "$WORK"
