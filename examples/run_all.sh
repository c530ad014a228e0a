#!/usr/bin/env bash
# Runs every perf command on the example county (examples/county/) and checks
# that each ends with the exit code it must: 1 where the county's deliberate
# defects (examples/county/DEFECTS.md) are errors, 0 elsewhere.
#
#   bash examples/run_all.sh                       # builds target/release/perf first
#   PERF=target/debug/perf OUT=/tmp/county bash examples/run_all.sh
#
# Each command's output is saved in $OUT (default county-out/) as NN-name.txt,
# beside the workbooks and the monthly batch folder it writes.
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PERF:-}" ]; then
  cargo build -q --release --bin perf || exit 2
  PERF=target/release/perf
fi
OUT="${OUT:-county-out}"
mkdir -p "$OUT"
C=examples/county
n=0
failed=0

# expect CODE NAME ARGS...: runs `perf ARGS`, saves what it printed, compares the exit code.
expect() {
  local want=$1 name=$2
  shift 2
  n=$((n + 1))
  local log
  log=$(printf '%s/%02d-%s.txt' "$OUT" "$n" "$name")
  "$PERF" "$@" >"$log" 2>&1
  local got=$?
  if [ "$got" -eq "$want" ]; then
    printf 'ok    exit %s  perf %s\n' "$got" "$*"
  else
    printf 'FAIL  exit %s (expected %s)  perf %s  -- see %s\n' "$got" "$want" "$*" "$log"
    failed=$((failed + 1))
  fi
}

# What perf understood of each workbook.
expect 0 inspect inspect $C/*.xlsx
# Target review before the budget is approved: the annotated workbook review.xlsx.
expect 1 check check $C/targets_*.xlsx $C/budget_2024.xlsx -o "$OUT/review.xlsx"
# 双监控 at the end of June: execution against time progress, indicators against targets.
expect 1 monitor monitor $C/execution_2024H1.xlsx $C/monitoring_2024H1.xlsx --month 6 -o "$OUT/monitoring.xlsx"
# Year-end self-evaluation recomputed, graded, and its use for next year's budget.
expect 1 evaluate evaluate $C/selfeval_2024.xlsx -o "$OUT/selfeval.xlsx"
# The county summary for the county government, as Markdown and as a workbook.
expect 1 report report $C/execution_2024H1.xlsx $C/monitoring_2024H1.xlsx $C/budget_2024.xlsx --format md -o "$OUT/summary.xlsx"
# Whole-unit targets: T006 (an aspect uncovered) is a warning, the missing 时效指标 of 白云乡 an error.
expect 1 check-unit check $C/unit_targets_2024.xlsx
# Ex-ante assessment of the 2025 new projects against their draft budget lines: A001 and A002 are errors.
expect 1 assess assess $C/assessment_2025.xlsx -o "$OUT/assess.xlsx"
# The June report with the publication record: its 信息公开 section (P001/P002 are warnings;
# the exit code 1 comes from the monitoring errors).
expect 1 report-disclosure report $C/execution_2024H1.xlsx $C/monitoring_2024H1.xlsx $C/publication_2024.xlsx --as-of 2024-06-30 -o "$OUT/summary-disclosure.xlsx"
# The unattended monthly run over the whole folder.
expect 1 batch batch $C --month 6 -o "$OUT/batch-06" --quiet
# Blank forms: the example rows they carry are set aside, said once (S006, a
# warning, so --strict exits 1), never reviewed.
expect 0 template-targets template targets --year 2024 --force -o "$OUT/targets-template.xlsx"
expect 0 template-budget template budget --year 2024 --force -o "$OUT/budget-template.xlsx"
expect 0 check-template check "$OUT/targets-template.xlsx" "$OUT/budget-template.xlsx"
expect 0 template-assessment template assessment --year 2025 --force -o "$OUT/assessment-template.xlsx"
expect 1 assess-template assess "$OUT/assessment-template.xlsx" --strict
expect 0 template-publication template publication --year 2024 --force -o "$OUT/publication-template.xlsx"
expect 0 template-unit-targets template unit-targets --year 2024 --force -o "$OUT/unit-targets-template.xlsx"
expect 1 check-unit-template check "$OUT/unit-targets-template.xlsx" --strict
# What each finding code means, and the configuration with its defaults.
expect 0 explain explain
expect 0 explain-V004 explain V004
expect 0 config config

echo "$n commands run, $failed not as expected; outputs in $OUT/"
[ "$failed" -eq 0 ]
