# Sourced by benchmarks/large-file.sh and benchmarks/c2pa-rs-compare.sh (run from the repository's root): folders, the
# native tool, noise video and best-of-N timing.
#   PROVENANCE_BENCH_DIR  where inputs are made and kept (default: a new temporary folder)
#   PROVENANCE_OUT_DIR    where outputs go, deleted on exit (default /dev/shm, a tmpfs: the tool is timed, not the disk)
#   PROVENANCE_CLI        the tool to time (default: the Native AOT build, published here)
#   RUNS                  each figure is the best of this many runs (default 3)
runs=${RUNS:-3}
work=${PROVENANCE_BENCH_DIR:-$(mktemp -d)}
out=${PROVENANCE_OUT_DIR:-/dev/shm}/provenance-bench-$$
mkdir -p "$work" "$out"
trap 'rm -rf "$out"' EXIT
export PROVENANCE_HOME="$work/home"
if [ -n "${PROVENANCE_CLI:-}" ]; then
  cli=("$PROVENANCE_CLI")
else
  rid=linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')
  dotnet publish src/Provenance.Cli -c Release -r "$rid" -o "$work/aot" -v quiet -nologo >/dev/null
  cli=("$work/aot/Provenance.Cli")
fi
"${cli[@]}" sign samples/sample.jpg -o "$out/warm.jpg" >/dev/null 2>&1 # makes the development certificates once

noise() { # noise <seconds> <file>: 1280x720 noise at 30 fps, lossless H.264 (about 51 MB a second)
  ffmpeg -v error -y -f lavfi -i "color=c=gray:s=1280x720:r=30" -vf "noise=alls=100:allf=t+u,format=yuv420p" \
    -t "$1" -c:v libx264 -preset ultrafast -qp 0 "$2"
}

best() { # best <command...>: prints "seconds peak-RSS-MB" of the fastest of $runs runs (outputs named out.* removed first)
  local i
  for i in $(seq "$runs"); do
    rm -f "$out"/out.*
    /usr/bin/time -f '%e %M' -o "$out/time" "$@" >/dev/null 2>"$out/stderr" || { cat "$out/stderr" >&2; return 1; }
    awk '{printf "%.2f %.0f\n", $1, $2/1024}' "$out/time"
  done | sort -n | head -1
}
