#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, ledger, end-to-end).
# The tests read ../shared (seed articles, WikiWars evaluation data) beside this repository.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

if [ ! -d ../shared/seeds ] || [ ! -d ../shared/eval/wikiwars-dev ]; then
  echo "test: ../shared/seeds and ../shared/eval/wikiwars-dev must stand beside this repository" >&2
  exit 1
fi
swift build --build-tests
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
swift test --skip-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 0 ] || exit "$status"
# XCTest reports its own (empty) run too; say plainly what Swift Testing ran.
count=$(grep -o 'Test run with [0-9]* tests' "$log" | tail -1 | grep -o '[0-9]*')
echo "tests: ${count:-0} passed, 0 failed"
