#!/usr/bin/env bash
# Hostile-input harness (issue 6): times `provenance verify` and records its peak RSS on
#   - box flood: a small MP4 signed by Provenance, then ~96 MB of 8-byte `free` boxes appended (12 million boxes; the
#     default exclusions leave `free` boxes out of the hash, so the file stays valid, but the verifier walks them all);
#   - hashed box flood: the same with 8-byte `junk` boxes, which the BMFF hash covers: each one's offset and bytes are
#     hashed before the verifier can say that the hash does not match;
#   - tiny Merkle blocks: a ~32 MB noise MP4 signed through the library with 2-byte Merkle blocks (16 million leaves).
# Media is generated with ffmpeg, never committed. The files are made with the current tree; the verifier measured is
# the current tree's, or the CLI given in PROVENANCE_CLI (a Provenance.Cli.dll built from another commit).
# Each verify is stopped after PROVENANCE_TIMEOUT seconds (default 600; exit code 124, peak RSS up to then).
# Usage: bash benchmarks/hostile-input.sh            (PROVENANCE_BENCH_DIR keeps the generated files between runs)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${PROVENANCE_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
export PROVENANCE_HOME="$work/home"
dotnet build src/Provenance.Cli -c Release -v quiet -nologo >/dev/null
dotnet build benchmarks/Provenance.Benchmarks -c Release -v quiet -nologo >/dev/null
cli=(dotnet src/Provenance.Cli/bin/Release/net10.0/Provenance.Cli.dll)
verifier=(dotnet "${PROVENANCE_CLI:-src/Provenance.Cli/bin/Release/net10.0/Provenance.Cli.dll}")
helper=(dotnet benchmarks/Provenance.Benchmarks/bin/Release/net10.0/Provenance.Benchmarks.dll)

flood="$work/flood.mp4"
if [ ! -f "$flood" ]; then
  ffmpeg -v error -y -f lavfi -i "testsrc2=size=320x240:rate=25" -t 2 -c:v libx264 -pix_fmt yuv420p "$work/small.mp4"
  "${cli[@]}" sign "$work/small.mp4" -o "$flood" >/dev/null
  python3 -c 'import sys; sys.stdout.buffer.write(b"\0\0\0\x08free" * 12_000_000)' >> "$flood"
fi

flood_hashed="$work/flood-hashed.mp4"
if [ ! -f "$flood_hashed" ]; then
  "${cli[@]}" sign "$work/small.mp4" -o "$flood_hashed" >/dev/null
  python3 -c 'import sys; sys.stdout.buffer.write(b"\0\0\0\x08junk" * 12_000_000)' >> "$flood_hashed"
fi

tiny="$work/tiny-merkle.mp4"
if [ ! -f "$tiny" ]; then
  # 1280x720 noise, lossless: about 51 MB per second; 0.6 s gives ~31 MB, just under the old 16 Mi leaf limit at 2 bytes.
  ffmpeg -v error -y -f lavfi -i "color=c=gray:s=1280x720:r=30" -vf "noise=alls=100:allf=t+u,format=yuv420p" \
    -t 0.6 -c:v libx264 -preset ultrafast -qp 0 "$work/noise.mp4"
  "${helper[@]}" sign-merkle "$work/noise.mp4" "$tiny" 2
fi

measure() { # prints "seconds peak-RSS-MB exit-code" of a command
  set +e
  /usr/bin/time -f '%e %M' -o "$work/time" timeout "${PROVENANCE_TIMEOUT:-600}" "$@" >"$work/stdout" 2>"$work/stderr"
  code=$?
  set -e
  tail -1 "$work/time" | awk -v c="$code" '{printf "%.2f %.0f %d", $1, $2/1024, c}' # time prints a status line first on failure
}

echo "| file | size | verify time | peak RSS | exit code | verdict |"
echo "| --- | --- | --- | --- | --- | --- |"
for f in "$flood" "$flood_hashed" "$tiny"; do
  read -r t rss code <<<"$(measure "${verifier[@]}" verify "$f" --json)"
  verdict=$(python3 -c 'import json,sys
try:
    r = json.load(open(sys.argv[1]))
    fails = [x["code"] + ": " + x.get("explanation", "")[:90] for x in r["validation_results"]["activeManifest"]["failure"]]
    print(r["validation_state"], "; ".join(fails))
except Exception:
    print(open(sys.argv[2]).read().strip().splitlines()[-1][:120] if open(sys.argv[2]).read().strip() else "?")' "$work/stdout" "$work/stderr")
  printf '| %s | %.1f MB | %s s | %s MB | %s | %s |\n' "$(basename "$f")" "$(stat -c %s "$f" | awk '{print $1/1e6}')" "$t" "$rss" "$code" "$verdict"
done
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(dotnet --version) SDK"
