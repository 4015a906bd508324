#!/usr/bin/env bash
# The review desk under load, for BENCHMARKS.md (issue 18):
#   1. generates a workspace of 10,000 claims (1,000 documents of ten dated sentences, one in
#      25 dating an earlier treaty another way: 400 conflicts), scans it, adds an account and
#      an API token;
#   2. starts 'claimledger serve --port 0' (release build) on it;
#   3. 50 concurrent clients post 2,000 verdicts in all through POST /api/verdicts (40 each,
#      one keep-alive connection per client, each on a different claim), then checks that
#      every verdict landed exactly once and that 'claimledger audit' finds the chain intact;
#   4. wrk on GET /api/claims (2 threads, 50 connections, DURATION seconds);
#   5. prints throughput, p50/p99 latency and the server's peak memory (VmHWM).
# Usage: scripts/desk-bench.sh [DURATION]   (default 30 s of wrk; BENCH_WORK=folder keeps the
# workspace there instead of a temporary folder, which is removed; DESK_BENCH_BIN=folder uses
# the claimledger and claimledger-desk there instead of building the release ones)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
duration="${1:-30}"
# The issue's figures are for 50 clients and 2,000 verdicts; smaller runs check the script.
clients="${DESK_BENCH_CLIENTS:-50}"
verdicts="${DESK_BENCH_VERDICTS:-2000}"
if [ -n "${BENCH_WORK:-}" ]; then
  work="$BENCH_WORK"
  rm -rf "$work"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
fi
workspace="$work/workspace"

bin="${DESK_BENCH_BIN:-}"
if [ -z "$bin" ]; then
  swift build -c release --product claimledger >/dev/null
  swift build -c release --product claimledger-desk >/dev/null
  bin="$PWD/.build/release"
fi
cli="$bin/claimledger"
[ -x "$bin/claimledger-desk" ] || {
  echo "desk-bench: no claimledger-desk in $bin: build it with swift build -c release --product claimledger-desk" >&2
  exit 1
}

server=""
stop_server() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -TERM "$server" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$server" 2>/dev/null || true
  fi
  server=""
}
cleanup() {
  stop_server
  [ -n "${BENCH_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "desk-bench: failed at line $LINENO" >&2' ERR

echo "== machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
swift --version 2>/dev/null | head -1
wrk --version 2>&1 | head -1 || true

echo; echo "== workspace"
python3 - "$workspace" 1000 10 <<'PY'
import os, sys
folder, documents, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# Treaty names of three syllables, all different, so each sentence is one claim on its own
# subject; every 25th sentence dates the treaty seven sentences back three years later.
syllables = ["ba", "lo", "mer", "tan", "vel", "dor", "kes", "ri",
             "sha", "mun", "pol", "gar", "ten", "vis", "lu", "nor"]
def name(number):
    parts = []
    for _ in range(3):
        parts.append(syllables[number % 16])
        number //= 16
    word = "".join(parts)
    return word[0].upper() + word[1:] + ("" if number == 0 else syllables[number % 16])
os.makedirs(folder + "/Claims", exist_ok=True)
with open(folder + "/Claims/config.yaml", "w") as config:
    config.write("schema: 1\ndocuments:\n  include: [docs]\n")
sentence = 0
for document in range(documents):
    sub = f"{folder}/docs/{document // 100}"
    os.makedirs(sub, exist_ok=True)
    lines = [f"# Document {document}", ""]
    for _ in range(per):
        subject = sentence - 7 if sentence % 25 == 24 else sentence
        year = 1500 + (subject * 7) % 500 + (3 if subject != sentence else 0)
        lines += [f"The Treaty of {name(subject)} was signed in {year}.", ""]
        sentence += 1
    with open(f"{sub}/doc-{document}.md", "w") as out:
        out.write("\n".join(lines))
PY
(cd "$workspace" && "$cli" init >/dev/null && "$cli" scan >/dev/null 2>"$work/scan.log") || {
  cat "$work/scan.log" >&2
  exit 1
}
tail -1 "$work/scan.log"
password="bench-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
(cd "$workspace" && printf '%s\n' "$password" |
  "$cli" reviewers add bench --email bench@example.org --role reviewer --password-stdin >/dev/null)
token="$(cd "$workspace" && "$cli" reviewers token bench | tail -1 | tr -d '[:space:]')"
[ -n "$token" ] || { echo "desk-bench: 'reviewers token' printed no token" >&2; exit 1; }
(cd "$workspace" && "$cli" claims --format json) >"$work/claims.json"

echo; echo "== serve"
(cd "$workspace" && exec "$cli" serve --host 127.0.0.1 --port 0 2>"$work/serve.log" >/dev/null) &
server=$!
url=""
for _ in $(seq 300); do
  url="$(sed -n 's/^serving .* at \(http:[^ ]*\)$/\1/p' "$work/serve.log" | head -1)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.2
done
[ -n "$url" ] || { echo "desk-bench: serve printed no URL:" >&2; cat "$work/serve.log" >&2; exit 1; }
# 'claimledger serve' execs claimledger-desk, so the process started is the server; if it ever
# runs the desk as a child instead, measure the child.
desk_pid="$server"
if [ "$(basename "$(readlink "/proc/$server/exe")")" != claimledger-desk ]; then
  child="$(ps -o pid= --ppid "$server" | head -1 | tr -d ' ' || true)"
  [ -n "$child" ] && desk_pid="$child"
fi
memory() { awk -v key="$1:" '$1 == key {printf "%.1f MiB", $2 / 1024}' "/proc/$desk_pid/status"; }
echo "listening at $url (pid $desk_pid); after start: VmRSS $(memory VmRSS)"

echo; echo "== $verdicts verdicts from $clients concurrent clients (POST /api/verdicts)"
lines_before=0
[ -f "$workspace/Claims/verdicts.jsonl" ] && lines_before=$(wc -l <"$workspace/Claims/verdicts.jsonl")
python3 - "$url" "$token" "$work/claims.json" "$clients" "$verdicts" "$work/posted.txt" <<'PY'
import http.client, json, sys, threading, time, urllib.parse
url, token, claims_file, clients, total, posted_file = sys.argv[1:7]
clients, total = int(clients), int(total)
with open(claims_file) as file:
    claims = [claim["id"] for claim in json.load(file)["claims"]]
targets = claims[:total]
assert len(targets) == total, f"only {len(targets)} claims"
statuses = ["supported", "refuted", "mixed", "unverifiable", "not-a-claim"]
address = urllib.parse.urlparse(url)
latencies, answers, errors = [], {}, []
lock = threading.Lock()
start_gate = threading.Barrier(clients)

def client(index):
    mine = targets[index::clients]
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    start_gate.wait()
    for number, target in enumerate(mine):
        body = json.dumps({"target": target, "status": statuses[number % 5],
                           "note": f"bench client {index}"})
        began = time.perf_counter()
        try:
            connection.request("POST", "/api/verdicts", body=body, headers={
                "Authorization": "Bearer " + token, "Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            status = response.status
        except Exception as error:  # a dropped connection is a result too: count it, go on
            status = type(error).__name__
            connection.close()
            connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        elapsed = time.perf_counter() - began
        with lock:
            latencies.append(elapsed)
            answers[status] = answers.get(status, 0) + 1
    connection.close()

threads = [threading.Thread(target=client, args=(index,)) for index in range(clients)]
began = time.perf_counter()
for thread in threads: thread.start()
for thread in threads: thread.join()
wall = time.perf_counter() - began
latencies.sort()
def percentile(p): return latencies[min(len(latencies) - 1, int(len(latencies) * p))] * 1000
print(f"{len(latencies)} requests in {wall:.2f} s: {len(latencies) / wall:.0f} verdicts/s;"
      f" latency p50 {percentile(0.50):.1f} ms, p99 {percentile(0.99):.1f} ms,"
      f" max {latencies[-1] * 1000:.1f} ms; answers {dict(sorted(answers.items(), key=str))}")
with open(posted_file, "w") as out:
    out.write("\n".join(targets) + "\n")
sys.exit(0 if answers.get(201, 0) == total else 1)
PY
lines_after=$(wc -l <"$workspace/Claims/verdicts.jsonl")
landed=$((lines_after - lines_before))
once=$(python3 - "$workspace/Claims/verdicts.jsonl" "$work/posted.txt" <<'PY'
import json, sys
with open(sys.argv[1]) as file:
    targets = [json.loads(line)["target"] for line in file if line.strip()]
with open(sys.argv[2]) as file:
    posted = [line.strip() for line in file if line.strip()]
from collections import Counter
counts = Counter(targets)
print("yes" if all(counts[target] == 1 for target in posted) else "no")
PY
)
audit="$(cd "$workspace" && "$cli" audit 2>&1 | tail -1)" && audited=clean || audited="FAILED: $audit"
echo "verdicts.jsonl: +$landed lines; each posted verdict once: $once; audit: $audited"
echo "after the verdicts: VmRSS $(memory VmRSS), peak VmHWM $(memory VmHWM)"
[ "$landed" -eq "$verdicts" ] && [ "$once" = yes ] && [ "$audited" = clean ] || exit 1

echo; echo "== wrk: GET /api/claims, 2 threads, $clients connections, ${duration} s"
bytes=$(curl -s -o /dev/null -w '%{size_download}' -H "Authorization: Bearer $token" "${url%/}/api/claims")
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "${url%/}/api/claims")
echo "one answer: HTTP $status, $bytes bytes"
[ "$status" = 200 ] || exit 1
wrk -t2 -c"$clients" -d"${duration}s" --timeout 30s --latency \
  -H "Authorization: Bearer $token" "${url%/}/api/claims" | tee "$work/wrk.txt"
requests=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
errors=$(grep -E 'Socket errors|Non-2xx' "$work/wrk.txt" | tr '\n' ' ' || true)

echo; echo "== summary"
echo "GET /api/claims: $requests requests/s, latency p50 $p50, p99 $p99${errors:+; $errors}"
echo "server peak memory (VmHWM): $(memory VmHWM)"
kill -0 "$desk_pid" 2>/dev/null && echo "server still running after the load: yes" || {
  echo "server still running after the load: NO" >&2
  exit 1
}
