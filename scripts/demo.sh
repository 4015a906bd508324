#!/usr/bin/env bash
# The main job on the example workspace in this repository: scan the articles under
# articles/, print the conflicts, then list the claims.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

swift build -c release --product claimledger
claimledger=.build/release/claimledger

echo "== claimledger scan"
"$claimledger" scan
echo
echo "== claimledger claims"
"$claimledger" claims
