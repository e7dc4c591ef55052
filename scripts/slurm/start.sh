#!/usr/bin/env bash
# A one-node Slurm on 127.0.0.1, all state under $D: munged with its own key and socket, slurmctld and
# slurmd from a generated slurm.conf (proctrack/linuxproc, no cgroups: no systemd needed). Clients use
# SLURM_CONF=$D/slurm.conf. SLURM_PORT (default 6817) is slurmctld's port, slurmd takes the next one.
set -euo pipefail
D=${D:?set D to a folder for the Slurm state, the same for start and stop}
SLURM_PORT=${SLURM_PORT:-6817}
NODE=$(hostname -s)
CPUS=$(nproc)
mkdir -p "$D"/{munge,state,spool,log}
chmod 700 "$D/munge"
t0=$(date +%s%N)
ms() { echo $(( ($(date +%s%N) - t0) / 1000000 )); }
[ -f "$D/munge/munge.key" ] || { head -c 1024 /dev/urandom >"$D/munge/munge.key"; chmod 400 "$D/munge/munge.key"; }
munged --force --socket="$D/munge/munge.socket" --key-file="$D/munge/munge.key" \
  --pid-file="$D/munge/munged.pid" --log-file="$D/log/munged.log" --seed-file="$D/munge/munged.seed"
cat >"$D/slurm.conf" <<CONF
ClusterName=vitrine
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$SLURM_PORT
SlurmdPort=$((SLURM_PORT + 1))
SlurmUser=$(id -un)
AuthType=auth/munge
AuthInfo=socket=$D/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$D/state
SlurmdSpoolDir=$D/spool
SlurmctldPidFile=$D/slurmctld.pid
SlurmdPidFile=$D/slurmd.pid
SlurmctldLogFile=$D/log/slurmctld.log
SlurmdLogFile=$D/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SlurmdParameters=config_overrides
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=$NODE NodeAddr=127.0.0.1 NodeHostname=$NODE CPUs=$CPUS State=UNKNOWN
PartitionName=local Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$D/slurm.conf
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF" -N "$NODE"
for _ in $(seq 1 150); do
  if sinfo -h -N -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
    echo "Slurm up on 127.0.0.1:$SLURM_PORT (node $NODE, $CPUS CPUs) in $(ms) ms"
    exit 0
  fi
  sleep 0.2
done
echo "Slurm did not come up on 127.0.0.1:$SLURM_PORT" >&2
sinfo -N >&2 || true
tail -n 20 "$D"/log/*.log >&2 || true
exit 1
