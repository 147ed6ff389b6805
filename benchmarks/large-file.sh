#!/usr/bin/env bash
# Large-file harness (issue 3): makes noise MP4s of the given sizes with ffmpeg (lossless H.264, never committed),
# then times `provenance verify` and `provenance sign` on each, beside `openssl dgst -sha256` and `cp` of the same
# file in the same run, all from the page cache. Prints a Markdown table: seconds, GB/s and peak RSS.
# Usage: bash benchmarks/large-file.sh [size-in-GB ...]   (default: 0.4 1.6 4)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(0.4 1.6 4)
work=${PROVENANCE_BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
export PROVENANCE_HOME="$work/home"
dotnet build src/Provenance.Cli -c Release -v quiet -nologo >/dev/null
cli=(dotnet src/Provenance.Cli/bin/Release/net10.0/Provenance.Cli.dll)

measure() { # prints "seconds peak-RSS-MB" of a command
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; return 1; }
  awk '{printf "%.2f %.0f", $1, $2/1024}' "$work/time"
}

echo "| size | openssl dgst -sha256 | cp | verify (flat hash) | sign | sign in place | verify / openssl | sign / cp | in place / verify | peak RSS verify / sign / in place |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
merkle_rows=()
for gb in "${sizes[@]}"; do
  src="$work/noise-$gb.mp4"
  if [ ! -f "$src" ]; then
    # 1280x720 noise at 30 fps, lossless: about 51 MB per second of video (measured: 10 s gave 0.51 GB).
    seconds=$(awk -v g="$gb" 'BEGIN { printf "%.0f", g * 1e9 / 51e6 }')
    ffmpeg -v error -y -f lavfi -i "color=c=gray:s=1280x720:r=30" -vf "noise=alls=100:allf=t+u,format=yuv420p" \
      -t "$seconds" -c:v libx264 -preset ultrafast -qp 0 "$src"
  fi
  bytes=$(stat -c %s "$src")
  cat "$src" > /dev/null # page cache
  read -r t_sha rss_sha <<<"$(measure openssl dgst -sha256 "$src")"
  read -r t_cp rss_cp <<<"$(measure cp "$src" "$work/copy.mp4")"
  rm -f "$work/copy.mp4"
  read -r t_sign rss_sign <<<"$(measure "${cli[@]}" sign "$src" -o "$work/signed.mp4")"
  cat "$work/signed.mp4" > /dev/null
  read -r t_verify rss_verify <<<"$(measure "${cli[@]}" verify "$work/signed.mp4")"
  rm -f "$work/signed.mp4"
  "${cli[@]}" reserve "$src" -o "$work/reserved.mp4" --bytes 1048576 >/dev/null
  cat "$work/reserved.mp4" > /dev/null
  read -r t_place rss_place <<<"$(measure "${cli[@]}" sign "$work/reserved.mp4" --in-place)"
  rm -f "$work/reserved.mp4"
  "${cli[@]}" sign "$src" -o "$work/merkle.mp4" --merkle 1024 >/dev/null 2>&1
  cat "$work/merkle.mp4" > /dev/null
  read -r t_m2 rss_m2 <<<"$(measure "${cli[@]}" verify "$work/merkle.mp4")"
  read -r t_m1 rss_m1 <<<"$(DOTNET_PROCESSOR_COUNT=1 measure "${cli[@]}" verify "$work/merkle.mp4")"
  rm -f "$work/merkle.mp4"
  merkle_rows+=("$(awk -v b="$bytes" -v s="$t_sha" -v m2="$t_m2" -v m1="$t_m1" -v r2="$rss_m2" -v r1="$rss_m1" 'BEGIN {
    printf "| %.2f GB | %.2f s | %.2f s (%.2f GB/s) | %.2f s | %.2f× | %.2f× | %d / %d MB |", b/1e9, s, m2, b/1e9/m2, m1, m2/s, m1/m2, r2, r1 }')")
  awk -v b="$bytes" -v s="$t_sha" -v c="$t_cp" -v v="$t_verify" -v g="$t_sign" -v p="$t_place" -v rv="$rss_verify" -v rg="$rss_sign" -v rp="$rss_place" 'BEGIN {
    printf "| %.2f GB | %.2f s (%.2f GB/s) | %.2f s | %.2f s (%.2f GB/s) | %.2f s (%.2f GB/s) | %.2f s | %.2f× | %.2f× | %.2f× | %d / %d / %d MB |\n",
      b/1e9, s, b/1e9/s, c, v, b/1e9/v, g, b/1e9/g, p, v/s, g/c, p/v, rv, rg, rp }'
done
echo
echo "Merkle trees over mdat (sign --merkle 1024, i.e. 1 MiB blocks); verify on all cores, then with DOTNET_PROCESSOR_COUNT=1:"
echo
echo "| size | openssl dgst -sha256 | verify, all cores | verify, 1 core | verify / openssl | speed-up | peak RSS all / 1 core |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${merkle_rows[@]}"
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(dotnet --version) SDK; $(openssl version)"
