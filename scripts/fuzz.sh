#!/usr/bin/env bash
# Fuzzes the extractor (issue 15, item 0): a libFuzzer target on Extractor.extract, built with
# AddressSanitizer from Sources/ClaimExtraction plus Fuzz/FuzzExtractor.swift as one module.
# The corpus is seeded from the dev sets and the seeds, cut into paragraphs so the fuzzer
# mutates small inputs. A trap, a memory error or a unit slower than 2 s (item 8: extraction
# must stay linear) is a finding: the input is saved under .build/fuzz/findings and the script
# exits non-zero.
# Usage: scripts/fuzz.sh [SECONDS]   (default 180; FUZZ_DIR overrides .build/fuzz;
# FUZZ_KEEP_GOING=1 goes on after a finding, in libFuzzer's fork mode, to collect several)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
seconds="${1:-180}"
dir="${FUZZ_DIR:-.build/fuzz}"
mkdir -p "$dir/corpus" "$dir/findings"

# One module, compiled as one unit: -sanitize=fuzzer needs the entry point in the same link.
# ld.gold warns about every ASan helper symbol it cannot export; those lines are noise.
sources=$(find Sources/ClaimExtraction -name '*.swift' | sort)
# shellcheck disable=SC2086
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name ClaimExtraction \
  $sources Fuzz/FuzzExtractor.swift -o "$dir/fuzz-extractor" 2>&1 \
  | grep -v -e "Cannot export local symbol" || true
[ -x "$dir/fuzz-extractor" ] || { echo "fuzz: the fuzz target did not build" >&2; exit 1; }

# Seeds: every paragraph (text between blank lines) of the dev documents, the seed articles
# and the WikiWars texts, at most 4 KB each. Re-running adds nothing new (names are hashes).
python3 - "$dir/corpus" ../shared/eval/genre-dev/docs/* ../shared/seeds/*.txt \
  ../shared/eval/wikiwars-dev/in/*.sgm Tests/Fixtures/genre-own/docs/* <<'PY'
import hashlib, os, re, sys
out = sys.argv[1]
for path in sys.argv[2:]:
    if not os.path.isfile(path):
        continue
    data = open(path, "rb").read()
    for chunk in re.split(rb"\n\s*\n", data):
        chunk = chunk.strip()[:4096]
        if len(chunk) < 8:
            continue
        name = hashlib.sha1(chunk).hexdigest()
        with open(os.path.join(out, name), "wb") as f:
            f.write(chunk)
PY
echo "fuzz: corpus of $(find "$dir/corpus" -type f | wc -l) inputs; running for $seconds s"

# One job on one core (the machine is shared). -timeout=2: a slow unit is a finding of item 8.
# Swift's own backtracer would catch the trap before libFuzzer saves the input: off.
export SWIFT_BACKTRACE=enable=no
mode=()
[ "${FUZZ_KEEP_GOING:-0}" = 1 ] && mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
status=0
"$dir/fuzz-extractor" "$dir/corpus" -max_len=4096 -timeout=2 -rss_limit_mb=2048 \
  -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$dir/findings/" \
  "${mode[@]}" 2>"$dir/last-run.log" || status=$?
found=$(find "$dir/findings" -type f -newer "$dir/fuzz-extractor" | wc -l)
grep -E "^(stat::|Done|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)" "$dir/last-run.log" || true
tail -3 "$dir/last-run.log" | grep -E "^#[0-9]+" || true
if [ "$status" -ne 0 ] || [ "$found" -gt 0 ]; then
  echo "fuzz: $found FINDING(S) (exit $status); input saved in $dir/findings, log in $dir/last-run.log" >&2
  exit 1
fi
echo "fuzz: clean"
