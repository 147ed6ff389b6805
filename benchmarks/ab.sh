#!/usr/bin/env bash
# Interleaved timing of builds of the native tool (issue 12): runs `<tool> verify <file>` with each tool in turn, for
# <rounds> rounds, and prints each tool's median and quartiles in milliseconds. Taking the tools in turn spreads the
# host's noise over all of them alike, where best-of-N runs of one tool after the other would not.
#
#   bash benchmarks/ab.sh <rounds> <file> <tool> [<tool> ...]
#
# Each run's time includes starting `date`; trust comes from PROVENANCE_HOME as for any `verify`.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: bash benchmarks/ab.sh <rounds> <file> <tool> [<tool> ...]" >&2; exit 2; }
rounds=$1 file=$2
shift 2
times=$(mktemp -d)
trap 'rm -rf "$times"' EXIT
for round in $(seq "$rounds"); do
  for i in $(seq $#); do
    tool=${!i}
    start=$(date +%s%N)
    "$tool" verify "$file" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 )) >> "$times/$i"
  done
done
for i in $(seq $#); do
  sort -n "$times/$i" | awk -v tool="${!i}" '{ v[NR] = $1 } END {
    printf "%s: median %.1f ms, quartiles %.1f-%.1f ms (%d runs)\n", tool, v[int(NR / 2) + 1] / 1000, v[int(NR / 4) + 1] / 1000, v[int(3 * NR / 4) + 1] / 1000, NR }'
done
