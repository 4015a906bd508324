#!/usr/bin/env bash
# Every figure in BENCHMARKS.md, in one run (release build, one machine):
#   1. date quality against the WikiWars dev TIMEX2 gold, and claim quality against the
#      genre-dev gold and the repository's own samples (Tests/Fixtures/genre-own);
#   2. extraction throughput, one thread, on 100 MB of the seeds and WikiWars texts repeated;
#   3. the same 1 MB sample through our extractor and through Python's dateparser;
#   4. 'claimledger scan' of a generated 10,000-document workspace, first and second run;
#   5. fetching from a local nginx: 'claimledger fetch' and its engine against curl --parallel;
#   6. 'claimledger audit' of a 100,000-line verdict log;
#   7. 'claimledger verify' of 10,000 claims against 200 snapshots, and of twice both, and how
#      well it tells right dates from wrong ones on genre-dev (verify-quality);
#   8. 'claimledger report' in every format, 100,000 claims with 20,000 verdicts;
#  10. one treaty given 1,000 to 50,000 different days: scan and report --format sarif, and how
#      each grows with the claims (a step over SCALE_TIMEOUT seconds, default 300, is stopped);
#  11. a newsroom archive of 10,000 and 100,000 generated documents (about 320 MB) with 1,000
#      references: first and second scan, conflicts, report --format sarif, verify, and how
#      each grows from 10,000 to 100,000 documents.
# (Section 9, the review desk under load, is scripts/desk-bench.sh.)
# Usage: scripts/benchmark.sh [RUNS] [extraction|fuzz|scale]   (default 5 runs; medians are
# reported; "extraction" runs sections 1 to 3 only; "scale" runs sections 10 and 11 only, e.g.
# `scripts/benchmark.sh 1 scale`: one run of each step takes about ten minutes, and the archive
# needs about 2 GB of disk under BENCH_WORK, plus 1 GB a run until the end, where it is kept and
# reused by later runs when BENCH_WORK is given; "fuzz" runs only scripts/fuzz.sh, the extractor's libFuzzer target, for
# FUZZ_SECONDS, default 300, and fails on any crash or slow input)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
runs="${1:-5}"
only="${2:-all}"
work="${BENCH_WORK:-$(mktemp -d)}"
inputs=(../shared/seeds/*.txt ../shared/eval/wikiwars-dev/in/*.sgm)
if [ "$only" = fuzz ]; then exec scripts/fuzz.sh "${FUZZ_SECONDS:-300}"; fi

[ "$only" = scale ] || python3 -c "import dateparser" 2>/dev/null \
  || python3 -m pip install --quiet dateparser
swift build -c release --product claimledger
swift build -c release --product claimledger-bench
bench=.build/release/claimledger-bench

echo "== machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
swift --version 2>/dev/null | head -1
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources || echo ' (with changes)')"

# Sections 10 and 11: how the cost of each command grows with the ledger (issue 19).
scale_sections() {
  echo; echo "== 10. one treaty given thousands of different days"
  "$bench" one-entity --binary .build/release/claimledger --folder "$work/one-entity" \
    --claims 1000 4000 16000 50000 --runs "$runs" --timeout "${SCALE_TIMEOUT:-300}"

  echo; echo "== 11. a newsroom archive of 100,000 documents"
  "$bench" archive-scale --binary .build/release/claimledger --folder "$work/archive" \
    --documents 10000 100000 --references 1000 --runs "$runs"
}
if [ "$only" = scale ]; then scale_sections; exit 0; fi

python3 -c "import dateparser, sys; print('dateparser', dateparser.__version__, 'on Python', sys.version.split()[0])"

echo; echo "== 1. date quality (WikiWars dev)"
"$bench" score-dates ../shared/eval/wikiwars-dev/keyinline
echo "-- claims: genre-dev, the repository's own samples, and both together"
"$bench" score-claims ../shared/eval/genre-dev
"$bench" score-claims Tests/Fixtures/genre-own
"$bench" score-claims ../shared/eval/genre-dev Tests/Fixtures/genre-own

echo; echo "== 2. extraction throughput"
"$bench" throughput --megabytes 100 --runs "$runs" "${inputs[@]}"

echo; echo "== 3. the same 1 MB sample: ours and dateparser.search_dates"
ours=$("$bench" sample --bytes 1000000 --output "$work/sample.txt" --runs "$runs" "${inputs[@]}")
echo "$ours"
baseline=$(python3 scripts/dateparser_baseline.py "$work/sample.txt" "$runs")
echo "$baseline"
theirs=$(echo "$baseline" | tail -1)
python3 - "$ours" "$theirs" <<'PY'
import re, sys
ours = float(re.search(r"([\d.]+) MB/s", sys.argv[1]).group(1))
theirs = float(re.search(r"([\d.]+) MB/s", sys.argv[2]).group(1))
print(f"ratio: ours {ours:.1f} MB/s / dateparser {theirs:.4f} MB/s = {ours / theirs:.0f}x")
PY

[ "$only" = extraction ] && exit 0

echo; echo "== 4. scan of a generated workspace"
"$bench" scan-speed --binary .build/release/claimledger --folder "$work/workspace" \
  --documents 10000 --runs "$runs" "${inputs[@]}" articles/*.md

echo; echo "== 5. fetching: claimledger fetch and its engine against curl --parallel (same libcurl)"
echo "-- on the work disk"
"$bench" fetch-speed --binary .build/release/claimledger --folder "$work/fetch" --runs "$runs"
if [ -d /dev/shm ]; then
  echo "-- on tmpfs (/dev/shm), where the file system's cost of creating files is out of the picture"
  shm=$(mktemp -d /dev/shm/claimledger-fetch-XXXXXX)
  "$bench" fetch-speed --binary .build/release/claimledger --folder "$shm/fetch" --runs "$runs"
  rm -rf "$shm"
fi

echo; echo "== 6. audit of a 100,000-line verdict log"
"$bench" audit-speed --binary .build/release/claimledger --folder "$work/audit" --lines 100000 --runs "$runs"

echo; echo "== 7. verify: 10,000 claims and 200 snapshots, then both doubled"
"$bench" verify-speed --binary .build/release/claimledger --folder "$work/verify" --runs "$runs"
echo "-- both doubled, the same 200 subjects (each subject covered by twice the sources)"
"$bench" verify-speed --binary .build/release/claimledger --folder "$work/verify2" --runs "$runs" \
  --claims 20000 --snapshots 400
echo "-- both doubled with twice the subjects (each covered by as many sources as before)"
"$bench" verify-speed --binary .build/release/claimledger --folder "$work/verify3" --runs "$runs" \
  --claims 20000 --snapshots 400 --subjects 400

echo "-- quality end to end: genre-dev against its references served by nginx (issue 10)"
"$bench" verify-quality ../shared/eval/genre-dev --refs Tests/Fixtures/genre-dev-refs \
  --binary .build/release/claimledger --folder "$work/verify-quality"

echo; echo "== 8. report in every format: 100,000 claims, 20,000 verdicts"
"$bench" report-speed --binary .build/release/claimledger --folder "$work/report" --runs "$runs"

scale_sections
