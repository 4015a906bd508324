#!/usr/bin/env bash
# Scan CPU side by side: the release build of this tree against the build before the
# extraction rewrite (commit 5681bf2), on 100 documents of 1 MB (the seeds and the WikiWars
# texts repeated), in alternating runs (old, new, old, new, ...) so that noise from other work
# on the machine hits both. Each run is a first scan of a fresh copy of the workspace (empty
# ledger). Reports per run: user+sys CPU seconds, wall seconds, peak RSS, claims found; the
# medians; CPU seconds per MB; and the ratio to `grep -cE '[0-9]{4}'` over the same files.
#
# Usage: scripts/scan-cpu.sh [RUNS]   (default 5 runs of each build)
# Environment: OLD_COMMIT (default 5681bf2), SCAN_CPU_WORK (a folder to keep the workspaces
# and the ledgers of the last run of each build in; default a temporary folder, removed),
# NEW_BINARY (a claimledger binary to use as "new" instead of building this tree).
# The old build is cached in .build/old-<commit>/ (ignored by git) and built only once.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
runs="${1:-5}"
old_commit="${OLD_COMMIT:-5681bf2}"
repo="$(pwd)"
inputs=(../shared/seeds/*.txt ../shared/eval/wikiwars-dev/in/*.sgm)
documents=100
document_bytes=1000000

# --- builds
old_dir="$repo/.build/old-$old_commit"
old_bin="$old_dir/claimledger"
if [ ! -x "$old_bin" ]; then
  echo "building $old_commit in $old_dir (once)" >&2
  rm -rf "$old_dir/src"
  mkdir -p "$old_dir/src"
  git archive "$old_commit" | tar -x -C "$old_dir/src"
  (cd "$old_dir/src" && swift build -c release --product claimledger \
    --scratch-path "$old_dir/scratch" 2>&1 | grep -E "error|Compiling|Build" | tail -3)
  cp "$old_dir/scratch/release/claimledger" "$old_bin"
fi
if [ -n "${NEW_BINARY:-}" ]; then
  new_bin="$NEW_BINARY"
else
  swift build -c release --product claimledger 2>&1 | grep -E "error|Build" | tail -2
  new_bin="$repo/.build/release/claimledger"
fi

# --- the corpus: the inputs concatenated in order, over and over, cut at line ends into
# documents of at most 1 MB each, in a workspace made by the old build's `init` (both builds
# read the same Claims/config.yaml; the old one's is the simpler).
work="${SCAN_CPU_WORK:-}"
if [ -z "$work" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"
template="$work/template"
rm -rf "$template"
"$old_bin" init "$template" >/dev/null
mkdir -p "$template/docs"
pool="$work/pool.txt"
: >"$pool"
while [ "$(stat -c %s "$pool")" -lt $(((documents + 2) * document_bytes)) ]; do
  cat "${inputs[@]}" >>"$pool"
done
(cd "$template/docs" && split -C "$document_bytes" -d -a 3 --additional-suffix=.txt "$pool" doc-)
for extra in "$template"/docs/doc-*.txt; do
  index="${extra##*/doc-}"
  index="${index%.txt}"
  if [ "$((10#$index))" -ge "$documents" ]; then rm "$extra"; fi
done
rm "$pool"
files=("$template"/docs/doc-*.txt)
megabytes="$(cat "${files[@]}" | wc -c | awk '{printf "%.1f", $1 / 1e6}')"

echo "== machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus: ${#files[@]} documents, $megabytes MB (${inputs[*]} repeated)"
echo "old: $old_commit ($old_bin)"
if [ -n "${NEW_BINARY:-}" ]; then
  echo "new: $new_bin"
else
  echo "new: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- Sources || echo '+changes') ($new_bin)"
fi

# --- runs
results="$work/results.tsv"
: >"$results"
scan_once() {  # build binary run -> appends "build run cpu wall rss claims" to results
  local build="$1" binary="$2" run="$3"
  local workspace="$work/ws-$build"
  rm -rf "$workspace"
  cp -r "$template" "$workspace"
  local start end
  start="$(date +%s.%N)"
  /usr/bin/time -f '%U %S %M' -o "$work/time" \
    "$binary" scan -C "$workspace" --format json >"$work/out-$build.json" 2>"$work/err-$build"
  end="$(date +%s.%N)"
  local claims
  claims="$(grep -oE '"claims" *: *[0-9]+' "$work/out-$build.json" | head -1 | grep -oE '[0-9]+$' \
    || true)"
  if [ -z "$claims" ]; then
    claims="$(find "$workspace/Claims/ledger" -name '*.json' -exec grep -c '"rule"' {} + \
      | awk -F: '{s += $NF} END {print s}')"
  fi
  read -r user sys rss <"$work/time"
  awk -v b="$build" -v r="$run" -v u="$user" -v s="$sys" -v st="$start" -v en="$end" \
    -v m="$rss" -v c="$claims" \
    'BEGIN {printf "%s\t%d\t%.2f\t%.2f\t%d\t%s\n", b, r, u + s, en - st, m / 1024, c}' \
    >>"$results"
  tail -1 "$results" | awk -F'\t' '{printf "%-4s run %d: cpu %6.2f s  wall %6.2f s  peak %5d MiB  claims %s\n", $1, $2, $3, $4, $5, $6}'
}
# grep's output goes to a file: GNU grep stops at the first match when it writes to /dev/null.
# It runs ten times under one timer, since one run is near the timer's 10 ms resolution.
grep_once() {
  /usr/bin/time -f '%U %S' -o "$work/time" bash -c \
    'for _ in 1 2 3 4 5 6 7 8 9 10; do grep -cE "[0-9]{4}" "$@" >"$0"; done' \
    "$work/grep.out" "${files[@]}"
  read -r user sys <"$work/time"
  awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.4f\n", (u + s) / 10}'
}

# Warm the page cache and the binaries once, untimed.
cat "${files[@]}" >/dev/null
echo
echo "== runs (old and new alternating; user+sys CPU, wall, peak RSS, claims)"
grep_times=()
for run in $(seq 1 "$runs"); do
  scan_once old "$old_bin" "$run"
  scan_once new "$new_bin" "$run"
  grep_times+=("$(grep_once)")
done

median() { sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
grep_median="$(printf '%s\n' "${grep_times[@]}" | median)"
echo
echo "== medians of $runs runs ($megabytes MB)"
for build in old new; do
  cpu="$(awk -F'\t' -v b="$build" '$1 == b {print $3}' "$results" | median)"
  wall="$(awk -F'\t' -v b="$build" '$1 == b {print $4}' "$results" | median)"
  rss="$(awk -F'\t' -v b="$build" '$1 == b {print $5}' "$results" | median)"
  claims="$(awk -F'\t' -v b="$build" '$1 == b {print $6}' "$results" | sort -u | paste -sd/)"
  awk -v b="$build" -v c="$cpu" -v w="$wall" -v r="$rss" -v n="$claims" -v mb="$megabytes" \
    -v g="$grep_median" \
    'BEGIN {printf "%-4s cpu %.2f s (%.1f ms/MB)  wall %.2f s  peak %d MiB  claims %s  %.1fx grep\n", b, c, 1000 * c / mb, w, r, n, c / g}'
done
echo "grep -cE '[0-9]{4}': cpu $grep_median s (median of $runs runs of 10 greps, per grep)"
old_cpu="$(awk -F'\t' '$1 == "old" {print $3}' "$results" | median)"
new_cpu="$(awk -F'\t' '$1 == "new" {print $3}' "$results" | median)"
awk -v o="$old_cpu" -v n="$new_cpu" 'BEGIN {printf "new/old CPU: %.2f\n", n / o}'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
