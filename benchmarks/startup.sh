#!/usr/bin/env bash
# Start-up of the `provenance` tool (issue 12, item 2): the same commands run by the framework-dependent build (JIT),
# a ReadyToRun publish and a Native AOT publish, each a whole process, best and median of N runs.
# Commands: `--version`; `verify` of a small signed JPEG (samples/sample.jpg signed once here); `sign` of it to a new
# file (thumbnail made in process); and, for Native AOT only, a video thumbnail through ffmpeg (checks that FFMpegCore
# works trimmed). Usage: bash benchmarks/startup.sh [runs]   (default 11)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
work=${PROVENANCE_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
export PROVENANCE_HOME="$work/home"
rid=linux-$(uname -m | sed 's/x86_64/x64/; s/aarch64/arm64/')

dotnet build src/Provenance.Cli -c Release -v quiet -nologo >/dev/null
dotnet publish src/Provenance.Cli -c Release -r "$rid" -p:PublishAot=false -p:PublishReadyToRun=true --self-contained false -o "$work/r2r" -v quiet -nologo >/dev/null
dotnet publish src/Provenance.Cli -c Release -r "$rid" -o "$work/aot" -v quiet -nologo >/dev/null

jit=(dotnet src/Provenance.Cli/bin/Release/net10.0/Provenance.Cli.dll)
r2r=("$work/r2r/Provenance.Cli")
aot=("$work/aot/Provenance.Cli")
"${aot[@]}" sign samples/sample.jpg -o "$work/signed.jpg" >/dev/null 2>&1 # also makes the development certificates
ffmpeg -v error -y -f lavfi -i "testsrc=size=320x240:rate=10" -t 1 -pix_fmt yuv420p "$work/clip.mp4"
"${aot[@]}" sign "$work/clip.mp4" -o "$work/clip-signed.mp4" >/dev/null 2>&1
"${aot[@]}" inspect "$work/clip-signed.mp4" | grep -q "c2pa.thumbnail.claim" || { echo "Native AOT build made no video thumbnail" >&2; exit 1; }

# prints "best median" in milliseconds of a command run $runs times
measure() {
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
  done | sort -n | awk '{ a[NR] = $1 } END { printf "%d %d", a[1], a[int((NR + 1) / 2)] }'
}

echo "| build | --version best / median | verify small JPEG best / median | sign small JPEG best / median | peak RSS verify |"
echo "| --- | --- | --- | --- | --- |"
for name in jit r2r aot; do
  declare -n cli=$name
  read -r v_best v_med <<<"$(measure "${cli[@]}" --version)"
  read -r c_best c_med <<<"$(measure "${cli[@]}" verify "$work/signed.jpg")"
  read -r s_best s_med <<<"$(measure "${cli[@]}" sign samples/sample.jpg -o "$work/out.jpg")"
  /usr/bin/time -f '%M' -o "$work/rss" "${cli[@]}" verify "$work/signed.jpg" >/dev/null
  printf '| %s | %d / %d ms | %d / %d ms | %d / %d ms | %d MB |\n' "$name" "$v_best" "$v_med" "$c_best" "$c_med" "$s_best" "$s_med" $(($(cat "$work/rss") / 1024))
done
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(dotnet --version) SDK; native executable $(du -h "$work/aot/Provenance.Cli" | cut -f1)"
