#!/usr/bin/env bash
# The performance benchmark (not a test): generates the workloads the issues
# name, runs the release binary on them and prints wall time (median of
# hyperfine runs) and peak memory (max RSS from /usr/bin/time). The figures
# go into docs/performance.md.
#
#   bash benches/run.sh            # all workloads
#   bash benches/run.sh inspect    # only those whose name contains "inspect"
set -euo pipefail
cd "$(dirname "$0")/.."
only="${1:-}"
work="${PERF_BENCH_DIR:-/tmp/perf-bench}"
mkdir -p "$work"
# Where the runs write their outputs (perf and the peer alike): a memory-backed
# folder when there is one. On a journal-less ext4 (this machine's disk), each
# new file steps over every inode freed in the last minutes, so back-to-back
# runs that replace hundreds of outputs slow each other down by a tenth; a
# monthly job runs once (docs/performance.md). PERF_BENCH_OUT=disk keeps them
# beside the inputs.
if [[ "${PERF_BENCH_OUT:-}" == disk || ! -d /dev/shm ]]; then
  out="$work"
else
  out="${PERF_BENCH_OUT:-/dev/shm/perf-bench-out}"
fi
mkdir -p "$out"
echo "outputs written to $out" >&2
cargo build -q --release --bin perf --example gen_county
perf="$PWD/target/release/perf"
gen="$PWD/target/release/examples/gen_county"

[ -f "$work/flat50k.xlsx" ] || "$gen" big "$work/flat50k.xlsx" --rows 50000 >/dev/null
[ -f "$work/stray.xlsx" ] || "$gen" stray "$work/stray.xlsx" >/dev/null
for n in 30 300 3000; do
  [ -d "$work/units$n" ] || "$gen" units "$work/units$n" --units "$n" --month 6 --selfeval >/dev/null
done

# name | command (run inside $work)
workloads=(
  "inspect 50k rows|$perf inspect flat50k.xlsx --format json"
  "inspect stray cell XFD1048576|$perf inspect stray.xlsx --format json"
  "check 50k rows + annotated workbook|$perf check flat50k.xlsx --format json -o $out/review50k.xlsx"
  "monitor 300 units (~2,900 projects) + workbook|$perf monitor units300 --format json -o $out/monitoring300.xlsx"
  "evaluate 300 units (~2,900 projects) + workbook|$perf evaluate units300 --format json -o $out/selfeval300.xlsx"
  "batch 30 units|$perf batch units30 --month 6 -o $out/out30 --quiet"
  "batch 300 units|$perf batch units300 --month 6 -o $out/out300 --quiet"
  "batch 3000 units|$perf batch units3000 --month 6 -o $out/out3000 --quiet"
)

printf '| workload | wall (median) | peak RSS |\n|---|---:|---:|\n'
for w in "${workloads[@]}"; do
  name="${w%%|*}"
  cmd="${w#*|}"
  [[ -z "$only" || "$name" == *"$only"* ]] || continue
  cd "$work"
  # monitor and evaluate take the files of a folder.
  cmd="${cmd/units300 --format/units300/*.xlsx --format}"
  # The 3,000-unit batch takes half a minute: one run after the warm-up.
  runs=5; [[ "$name" == *3000* ]] && runs=1
  median=$(hyperfine --warmup 1 --runs "$runs" -i --export-json /tmp/perf-bench-h.json "$cmd" >/dev/null 2>&1 &&
    python3 -c "import json;print('%.3f s' % json.load(open('/tmp/perf-bench-h.json'))['results'][0]['median'])")
  /usr/bin/time -f '%M' -o /tmp/perf-bench-rss $cmd >/dev/null 2>&1 || true
  rss=$(tail -1 /tmp/perf-bench-rss)
  rss_mb=$(python3 -c "print('%.0f MB' % ($rss/1024))")
  cd - >/dev/null
  printf '| %s | %s | %s |\n' "$name" "$median" "$rss_mb"
done

# The reference peer (openpyxl) on the same 300 units, in the same run: the
# peer once (it takes a quarter of a minute), then perf right after it, once
# on its own (as a single run is timed) and as the median of 5 runs (a run of
# half a second varies by a tenth from one to the next; the median is the
# steadier measure). Both ratios are printed.
if [[ -z "$only" || "peer" == *"$only"* ]] && python3 -c "import openpyxl" 2>/dev/null; then
  cd "$work"
  /usr/bin/time -f '%e' -o /tmp/perf-bench-peer python3 "$OLDPWD/../shared/bench/peer_openpyxl.py" --month 6 units300 "$out/peer300" >/dev/null 2>&1 || true
  /usr/bin/time -f '%e' -o /tmp/perf-bench-ours "$perf" batch units300 --month 6 -o "$out/ours300" --quiet >/dev/null 2>&1 || true
  hyperfine --runs 5 -i --export-json /tmp/perf-bench-h.json "$perf batch units300 --month 6 -o $out/ours300 --quiet" >/dev/null 2>&1
  median=$(python3 -c "import json;print('%.3f' % json.load(open('/tmp/perf-bench-h.json'))['results'][0]['median'])")
  cd - >/dev/null
  peer=$(tail -1 /tmp/perf-bench-peer); ours=$(tail -1 /tmp/perf-bench-ours)
  printf '| peer (openpyxl) batch 300 units | %s s | perf %s s once: ratio %s; median %s s: ratio %s |\n' "$peer" "$ours" \
    "$(python3 -c "print('%.0fx' % ($peer/$ours))")" "$median" "$(python3 -c "print('%.0fx' % ($peer/$median))")"
fi
