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
cargo build -q --release --bin perf --example gen_county
perf="$PWD/target/release/perf"
gen="$PWD/target/release/examples/gen_county"

[ -f "$work/flat50k.xlsx" ] || "$gen" big "$work/flat50k.xlsx" --rows 50000 >/dev/null
[ -f "$work/stray.xlsx" ] || "$gen" stray "$work/stray.xlsx" >/dev/null

# name | command (run inside $work)
workloads=(
  "inspect 50k rows|$perf inspect flat50k.xlsx --format json"
  "inspect stray cell XFD1048576|$perf inspect stray.xlsx --format json"
  "check 50k rows + annotated workbook|$perf check flat50k.xlsx --format json -o review50k.xlsx"
)

printf '| workload | wall (median) | peak RSS |\n|---|---:|---:|\n'
for w in "${workloads[@]}"; do
  name="${w%%|*}"
  cmd="${w#*|}"
  [[ -z "$only" || "$name" == *"$only"* ]] || continue
  cd "$work"
  median=$(hyperfine -N --warmup 1 --runs 5 -i --export-json /tmp/perf-bench-h.json "$cmd" >/dev/null 2>&1 &&
    python3 -c "import json;print('%.3f s' % json.load(open('/tmp/perf-bench-h.json'))['results'][0]['median'])")
  /usr/bin/time -f '%M' -o /tmp/perf-bench-rss $cmd >/dev/null 2>&1 || true
  rss=$(tail -1 /tmp/perf-bench-rss)
  rss_mb=$(python3 -c "print('%.0f MB' % ($rss/1024))")
  cd - >/dev/null
  printf '| %s | %s | %s |\n' "$name" "$median" "$rss_mb"
done
