#!/usr/bin/env bash
# The fuzzing step of CI (issue 11): installs AFL++ (Debian's afl++) and the SharpFuzz instrumenter when missing, then
# runs every target of fuzz/targets.txt for a short time (FUZZ_SECONDS each, default 8) with seeds made once and shared.
# Fails when a run finds a crash or a hang: fuzz/run.sh prints each input's path and the command that replays it, and
# saves it under fuzz/findings/<target>/ (commit it with the fix: FuzzFindingsTests replays it from then on).
# FUZZ_SECONDS=0 skips the step. Run by scripts/test.sh after the tests; runs alone too: bash scripts/fuzz-ci.sh
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-8}
if [ "$seconds" = 0 ]; then
  echo "Fuzzing skipped (FUZZ_SECONDS=0)."
  exit 0
fi

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "Installing afl++ (coverage-guided fuzzing)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq afl++ >/dev/null
fi

if ! command -v ffmpeg >/dev/null 2>&1; then
  echo "Installing ffmpeg (the seed media are made with it)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq ffmpeg >/dev/null
fi

export PATH="$PATH:$HOME/.dotnet/tools"
sharpfuzz_version=2.3.0
if ! dotnet tool list --global | grep -qiE "^sharpfuzz\.commandline +$sharpfuzz_version( |$)"; then
  echo "Installing the SharpFuzz instrumenter $sharpfuzz_version..."
  dotnet tool uninstall --global SharpFuzz.CommandLine >/dev/null 2>&1 || true
  dotnet tool install --global SharpFuzz.CommandLine --version "$sharpfuzz_version" >/dev/null
fi

# A work folder of its own, so that a developer's longer runs (/tmp/provenance-fuzz) are left alone; removed after a
# clean run, kept after a failing one (its build replays the findings).
own_work=0
if [ -z "${FUZZ_WORK:-}" ]; then
  FUZZ_WORK=$(mktemp -d /tmp/provenance-fuzz-ci.XXXXXX)
  own_work=1
fi
export FUZZ_WORK
start=$SECONDS
status=0
bash fuzz/run.sh all "$seconds" || status=$?
echo "Fuzzing: every target for $seconds s, $((SECONDS - start)) s in all (work folder $FUZZ_WORK)"
case $status in
  0) echo "Fuzzing found no crash and no hang."; [ "$own_work" = 1 ] && rm -rf "$FUZZ_WORK" ;;
  3) echo "Fuzzing FAILED: crashes or hangs found (above: each input and how to replay it)." >&2 ;;
  *) echo "Fuzzing FAILED: afl-fuzz could not run (exit $status)." >&2 ;;
esac
exit "$status"
