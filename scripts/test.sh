#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs what the tests need when it is missing (ffmpeg, libheif-examples
# and openssl from Debian's packages, c2pa-rs's WebAssembly build from npm for the interoperability tests), then runs
# every test, then a short coverage-guided fuzzing run of every target (scripts/fuzz-ci.sh; FUZZ_SECONDS=0 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "Installing ffmpeg (test media are made with it)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq ffmpeg >/dev/null
fi

if ! command -v heif-convert >/dev/null 2>&1; then
  echo "Installing libheif-examples (signed HEIF/HEIC/AVIF images are decoded with heif-convert)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq libheif-examples >/dev/null
fi

if ! command -v openssl >/dev/null 2>&1; then
  echo "Installing openssl (the tests run an RFC 3161 time-stamp authority and an OCSP responder with it)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq openssl >/dev/null
fi

if ! command -v node >/dev/null 2>&1; then
  echo "Installing Node.js (it runs c2pa-rs for the interoperability tests)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq nodejs npm >/dev/null
fi

stamp=tests/interop/node_modules/.provenance-lock
if [ ! -f "$stamp" ] || ! cmp -s tests/interop/package-lock.json "$stamp"; then
  echo "Installing c2pa-rs (@contentauth/c2pa-wasm) for the interoperability tests..."
  (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error)
  cp tests/interop/package-lock.json "$stamp"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Provenance.sln -c Release --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line that any CI reader understands, summed over the test assemblies.
count() { { grep -E "^\\s+$1:\\s+[0-9]+" "$log" || true; } | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
interop=$(grep -cE 'Passed Provenance\.Tests\.Interop\.' "$log" || true)
echo "c2pa-rs interoperability tests passed: $interop"
echo "Tests: $passed passed, $failed failed"

fuzz_status=0
bash scripts/fuzz-ci.sh || fuzz_status=$?
if [ "$status" -eq 0 ]; then
  status=$fuzz_status
fi
exit "$status"
