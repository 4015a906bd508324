#!/usr/bin/env bash
# The main job on the example workspace in this repository: scan the articles under
# articles/, print the conflicts and the claims; then, in a temporary copy of the workspace,
# the review cycle: two example reference pages served by a local nginx are registered,
# fetched and matched against the claims, a reviewer records a verdict, and the verdict log
# is audited.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

swift build -c release --product claimledger
claimledger="$PWD/.build/release/claimledger"

echo "== claimledger scan"
"$claimledger" scan
echo
echo "== claimledger claims"
"$claimledger" claims

# The review cycle runs on a copy, so the repository stays as it is.
tmp=$(mktemp -d)
chmod 755 "$tmp"
cleanup() {
  [ -f "$tmp/nginx/nginx.pid" ] && kill "$(cat "$tmp/nginx/nginx.pid")" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$tmp/workspace/Claims" "$tmp/nginx/tmp"
cp -r articles "$tmp/workspace/"
# The first seed essay dates the Treaty of Westminster to 1674 and, later, to 1651: with a
# reference on each Treaty of Westminster, verify names both and supports 1674.
seed=../shared/seeds/000_2068536ff10de2e3.txt
[ -f "$seed" ] && cp "$seed" "$tmp/workspace/articles/seed-essay.txt"
cp Claims/config.yaml Claims/aliases.yaml "$tmp/workspace/Claims/"
cp -r examples/references "$tmp/nginx/www"

# nginx on a free port of 127.0.0.1 (a few random tries).
user=""
[ "$(id -u)" -eq 0 ] && user="user root;"
for attempt in 1 2 3 4 5 6 7 8; do
  port=$((20000 + RANDOM % 40000))
  cat > "$tmp/nginx/nginx.conf" <<EOF
$user
worker_processes 1;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 64; }
http {
  access_log off;
  types { text/html html; }
  client_body_temp_path $tmp/nginx/tmp;
  proxy_temp_path $tmp/nginx/tmp;
  fastcgi_temp_path $tmp/nginx/tmp;
  uwsgi_temp_path $tmp/nginx/tmp;
  scgi_temp_path $tmp/nginx/tmp;
  server { listen 127.0.0.1:$port; root $tmp/nginx/www; }
}
EOF
  if /usr/sbin/nginx -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" 2>/dev/null; then break; fi
  port=""
done
[ -n "$port" ] || { echo "demo: could not start nginx" >&2; exit 1; }
base="http://127.0.0.1:$port"
cl() {
  echo "\$ claimledger $(printf '%q ' "$@")"
  (cd "$tmp/workspace" && "$claimledger" "$@")
}

echo
echo "== the review cycle, in a copy of the workspace (references served at $base)"
(cd "$tmp/workspace" && "$claimledger" scan >/dev/null 2>&1)
cl sources add "$base/treaty-of-dover.html" --id dover-example --title "Treaty of Dover" \
  --kind encyclopedia --covers "Treaty of Dover"
cl sources add "$base/treaty-of-versailles.html" --id versailles-example \
  --title "Treaty of Versailles" --kind encyclopedia --covers "Treaty of Versailles"
cl sources add "$base/treaty-of-westminster-1654.html" --id westminster-1654 \
  --title "Treaty of Westminster (1654)" --kind encyclopedia --covers "Treaty of Westminster"
cl sources add "$base/treaty-of-westminster-1674.html" --id westminster-1674 \
  --title "Treaty of Westminster (1674)" --kind encyclopedia --covers "Treaty of Westminster"
cl fetch
cl verify
cl claims --subject "Treaty of Westminster"
dover1672=$(cd "$tmp/workspace" && "$claimledger" claims --subject "Treaty of Dover" \
  | grep ' 1672 ' | sed 's/.*\[\(C-[0-9a-f]*\),.*/\1/')
cl verdict "$dover1672" refuted --evidence dover-example --quote "signed on 1 June 1670" \
  --note "the treaty is of 1670; 1672 is the year the war it prepared began" \
  --reviewer "Demo Reviewer <demo@example.org>"
cl history "$dover1672"
cl audit
cl claims
echo
echo "== the CI gate and a report"
cl check || echo "(check exited $?: the findings above remain, so a CI job would fail)"
cl report --format markdown --output "$tmp/report.md"
head -40 "$tmp/report.md"
echo "…"
