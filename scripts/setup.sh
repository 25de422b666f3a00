#!/usr/bin/env bash
# Installs what a fresh machine lacks, and nothing else: Debian's Android tools, the npm
# dependencies, the fixture APKs (and, with --for test, Chromium for the report tests and
# redis-server for the distributed-round tests).
# Idempotent and quiet when nothing is missing. `npm run demo` and `npm test` call it first.
set -euo pipefail
cd "$(dirname "$0")/.."

purpose=demo
if [ "${1:-}" = "--for" ]; then purpose="${2:-demo}"; fi

say() { printf 'setup: %s\n' "$*" >&2; }

packages=()
# zip packs the split fixture's .apks archive (scripts/fixtures/build-fixture.ts).
for tool in adb aapt zipalign apksigner zip; do
  command -v "$tool" >/dev/null 2>&1 || packages+=("$tool")
done
[ -f /usr/share/android-framework-res/framework-res.apk ] || packages+=(android-framework-res)
command -v java >/dev/null 2>&1 || packages+=(default-jre-headless)
if [ "$purpose" = "test" ]; then
  command -v chromium >/dev/null 2>&1 || packages+=(chromium fonts-dejavu-core)
  # The distributed-round tests start their own Redis (Debian's server: no npm package that
  # downloads or compiles Redis). A lab's coordinator host installs the same package (README).
  command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
fi

if [ "${#packages[@]}" -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then
    say "missing Debian packages: ${packages[*]}"
    say "run as root: apt-get update && apt-get install -y ${packages[*]}  (then run this command again)"
    exit 1
  fi
  say "installing Debian packages: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

# Precompiled JavaScript for the CLI and the virtual emulator (bin/entry.js uses it only while fresh).
node bin/run-ts.js scripts/build-js.ts --if-stale

if [ -f scripts/build-fixtures.ts ]; then
  node bin/run-ts.js scripts/build-fixtures.ts --if-stale
fi
