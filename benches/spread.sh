#!/usr/bin/env bash
# Runs benches/compare.sh N times (default 5) and prints, for every ratio and for the memcpy
# floor, the lowest, median and highest value: the spread BENCHMARKS.md reports (issue 20).
# Usage: benches/spread.sh [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for i in $(seq "$runs"); do
    echo "[spread] run $i of $runs" >&2
    bash "$root/benches/compare.sh" >"$work/ratios.$i" 2>"$work/ns.$i" || {
        cat "$work/ratios.$i" "$work/ns.$i" >&2
        exit 1
    }
done
python3 - "$work" "$runs" <<'PY'
import statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
values = {}
for i in range(1, runs + 1):
    for line in open(f"{work}/ratios.{i}"):
        parts = line.split()
        if len(parts) == 3 and parts[0] == "ratio":
            values.setdefault(parts[1], []).append(float(parts[2]))
    for line in open(f"{work}/ns.{i}"):
        parts = line.split()
        if parts[:2] == ["#", "ns/op"]:
            values.setdefault("ns:" + parts[2], []).append(float(parts[3]))
print(f"{'name':48} {'min':>9} {'median':>9} {'max':>9}   each run")
for name in sorted(values):
    v = values[name]
    runs_text = " ".join(f"{x:.2f}" for x in v)
    print(f"{name:48} {min(v):9.2f} {statistics.median(v):9.2f} {max(v):9.2f}   {runs_text}")
PY
