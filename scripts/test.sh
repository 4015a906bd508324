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
swift test --skip-build
