#!/usr/bin/env bash
# Large-file harness (issues 3 and 12): times the native (Native AOT) `provenance` tool signing and verifying noise MP4s
# of the given sizes, beside `openssl dgst -sha256` and `cp` of the same file in the same run, all read from the page
# cache; each figure is the best of RUNS (default 3) with its peak RSS. Prints two Markdown tables: the flat hash, then
# Merkle trees over mdat (sign --merkle 1024, i.e. 1 MiB blocks).
#
#   bash benchmarks/large-file.sh [size-in-GB ...]        (default: 0.4 1.6 4)
#
# Inputs (never committed) are kept in PROVENANCE_BENCH_DIR (default: a new temporary folder): a 0.4 GB lossless noise
# video made with ffmpeg, and larger ones made from it by `ffmpeg -stream_loop -c copy` (seconds, not minutes; the
# media repeats, which costs a hash nothing less); sizes under 0.4 GB are encoded directly. Inputs over
# 2 GB are deleted after their row. Outputs go to PROVENANCE_OUT_DIR (default /dev/shm, a tmpfs: what is timed is
# the tool, not this machine's disk write-back; set it to a disk folder to see that too). The other settings
# (PROVENANCE_CLI, RUNS) are those of benchmarks/bench-common.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(0.4 1.6 4)
source benchmarks/bench-common.sh

input() { # input <GB>: prints the path of a noise MP4 of about that size, making it when missing
  local gb=$1 path="$work/noise-$1.mp4" base="$work/noise-0.4.mp4"
  if [ ! -f "$path" ]; then
    if awk -v g="$gb" 'BEGIN { exit !(g < 0.4) }'; then
      noise "$(awk -v g="$gb" 'BEGIN { printf "%.1f", g * 1e9 / 51e6 }')" "$path"
    else
      [ -f "$base" ] || noise 8 "$base"
      local loops
      loops=$(awk -v g="$gb" -v b="$(stat -c %s "$base")" 'BEGIN { printf "%d", (g * 1e9 / b) + 0.5 - 1 }')
      if [ "$loops" -gt 0 ]; then
        ffmpeg -v error -y -stream_loop "$loops" -i "$base" -c copy "$path"
      else
        cp "$base" "$path"
      fi
    fi
    sync "$path" # written back now, not while the tools are timed
  fi
  echo "$path"
}

flat=()
merkle=()
for gb in "${sizes[@]}"; do
  src=$(input "$gb")
  bytes=$(stat -c %s "$src")
  cat "$src" >/dev/null # page cache
  read -r t_sha _ <<<"$(best openssl dgst -sha256 "$src")"
  read -r t_cp _ <<<"$(best cp "$src" "$out/out.mp4")"
  read -r t_sign rss_sign <<<"$(best "${cli[@]}" sign "$src" -o "$out/out.mp4")"
  read -r t_bare rss_bare <<<"$(best "${cli[@]}" sign "$src" -o "$out/out.mp4" --no-thumbnail)"
  read -r t_rehash _ <<<"$(best "${cli[@]}" sign "$src" -o "$out/out.mp4" --no-thumbnail --verify-after-sign-hash)"
  "${cli[@]}" sign "$src" -o "$out/signed.mp4" --no-thumbnail >/dev/null 2>&1
  read -r t_verify rss_verify <<<"$(best "${cli[@]}" verify "$out/signed.mp4")"
  rm -f "$out/signed.mp4"
  read -r t_msign rss_msign <<<"$(best "${cli[@]}" sign "$src" -o "$out/out.mp4" --no-thumbnail --merkle 1024)"
  "${cli[@]}" sign "$src" -o "$out/merkle.mp4" --no-thumbnail --merkle 1024 >/dev/null 2>&1
  read -r t_mverify rss_mverify <<<"$(best "${cli[@]}" verify "$out/merkle.mp4")"
  rm -f "$out/merkle.mp4" "$out"/out.*
  flat+=("$(awk -v b="$bytes" -v s="$t_sha" -v c="$t_cp" -v g="$t_sign" -v n="$t_bare" -v h="$t_rehash" -v v="$t_verify" \
    -v rg="$rss_sign" -v rn="$rss_bare" -v rv="$rss_verify" 'BEGIN {
    printf "| %.2f GB | %.2f s (%.2f GB/s) | %.2f s | %.2f s (%.2f×) | %.2f s (%.2f×) | %.2f s (%.2f×) | %.2f s (%.2f×) | %d / %d / %d MB |",
      b/1e9, s, b/1e9/s, c, g, g/s, n, n/s, h, h/s, v, v/s, rg, rn, rv }')")
  merkle+=("$(awk -v b="$bytes" -v s="$t_sha" -v g="$t_msign" -v v="$t_mverify" -v rg="$rss_msign" -v rv="$rss_mverify" 'BEGIN {
    printf "| %.2f GB | %.2f s | %.2f s (%.2f×) | %.2f s (%.2f×, %.2f GB/s) | %d / %d MB |", b/1e9, s, g, g/s, v, v/s, b/1e9/v, rg, rv }')")
  if awk -v b="$bytes" 'BEGIN { exit !(b > 2e9) }'; then rm -f "$src"; fi
done

echo "Flat hash (ratios to openssl dgst -sha256 of the same file; output to $(dirname "$out")):"
echo
echo "| size | openssl dgst -sha256 | cp | sign (thumbnail, verify after sign) | sign --no-thumbnail | sign --no-thumbnail --verify-after-sign-hash | verify | peak RSS sign / sign --no-thumbnail / verify |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${flat[@]}"
echo
echo "Merkle trees over mdat (sign --merkle 1024 --no-thumbnail; verify on all cores):"
echo
echo "| size | openssl dgst -sha256 | sign | verify | peak RSS sign / verify |"
echo "| --- | --- | --- | --- | --- |"
printf '%s\n' "${merkle[@]}"
echo
echo "best of $runs; machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(dotnet --version) SDK; $(openssl version); tool: ${cli[*]}"
