#!/usr/bin/env bash
# From `tar xzf` of the offline package to /healthz answering 200 (issue 23: ≤ 20 s on two
# cores, no build on the server): RUNS times into an empty folder and an empty data folder;
# prints each run (unpack, start) and the median and spread.
#   bash bench/offline-start.sh [dist/nianbao-<v>-linux-x64.tar.gz] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
tgz=${1:-$(ls dist/nianbao-*-linux-x64.tar.gz | head -1)}
runs=${2:-5}
port=3699
totals=()
for i in $(seq 1 "$runs"); do
  work=$(mktemp -d /tmp/nianbao-start.XXXXXX)
  t0=$(date +%s%N)
  tar -xzf "$tgz" -C "$work"
  t1=$(date +%s%N)
  NIANBAO_DATA_DIR="$work/data" PORT=$port "$work"/nianbao-*/bin/nianbao start < /dev/null > "$work/log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.05; done
  t2=$(date +%s%N)
  kill "$pid"; wait "$pid" || true
  rm -rf "$work"
  total=$(( (t2 - t0) / 1000000 ))
  totals+=("$total")
  echo "run $i: unpack $(( (t1 - t0) / 1000000 )) ms, start $(( (t2 - t1) / 1000000 )) ms, total $total ms (load $(cut -d' ' -f1 /proc/loadavg))"
done
sorted=$(printf '%s\n' "${totals[@]}" | sort -n)
echo "tar xzf → /healthz 200: median $(echo "$sorted" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}') ms, min $(echo "$sorted" | head -1) ms, max $(echo "$sorted" | tail -1) ms over $runs runs"
