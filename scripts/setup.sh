#!/usr/bin/env bash
# Makes sure what ClaimLedger builds and tests with is on this machine (Debian 12).
# Installs missing Debian packages when run as root (or with sudo); never touches Swift itself.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="$PATH:/opt/swift/usr/bin"
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "setup: Swift 6.3 is needed: install it from swift.org and put its bin/ on PATH" >&2
  exit 1
fi

# Debian packages the build and the tests use: git (SwiftPM fetches packages with it), a C
# toolchain for the packages' C parts, libcurl and libxml2 with their headers (the fetcher),
# pkg-config (SwiftPM finds both through it), nginx (the fetch tests' web server), curl (the
# fetch benchmark's baseline), util-linux for setpriv (a test drops root to check permission
# errors), bsdutils for script(1) (a test drives `review` through a pseudo-terminal),
# chromium, chromium-driver and python3-selenium (the review desk's real-browser test; Selenium is
# given /usr/bin/chromedriver and never downloads a driver), wrk (scripts/desk-bench.sh).
needed=(git gcc libc6-dev pkg-config libcurl4-openssl-dev libxml2-dev curl util-linux bsdutils
  chromium chromium-driver python3-selenium wrk)
[ -x /usr/sbin/nginx ] || needed+=(nginx-light)
# The SARIF test validates the report against the schema with Python's jsonschema: the
# python3 on PATH may have it already; else Debian's package brings it with /usr/bin/python3.
if ! python3 -c "import jsonschema" 2>/dev/null && ! /usr/bin/python3 -c "import jsonschema" 2>/dev/null; then
  needed+=(python3-jsonschema)
fi
# The discover integration suite runs Debian's MediaWiki (1.39 on Debian 12) under PHP's
# built-in server with SQLite: the tests set up their own install in a temporary folder.
needed+=(mediawiki php-cli php-sqlite3 php-intl php-mbstring php-xml)
missing=()
for package in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    sudo apt-get update -qq \
      && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
fi
