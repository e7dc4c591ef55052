#!/usr/bin/env bash
# Installs Slurm (slurmctld, slurmd, sbatch…) and MUNGE, its authentication daemon, from Debian.
set -euo pipefail
missing=()
command -v slurmctld >/dev/null || missing+=(slurmctld)
command -v slurmd >/dev/null || missing+=(slurmd)
command -v sbatch >/dev/null || missing+=(slurm-client)
command -v munged >/dev/null || missing+=(munge)
bash "$(dirname "$0")/../apt-install.sh" "${missing[@]}"
