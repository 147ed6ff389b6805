#!/usr/bin/env bash
# Provenance against c2pa-rs (issue 12, item 3), side by side in one run on the same file: c2pa-rs's WebAssembly build
# under Node (@contentauth/c2pa-wasm, through the interop harness in tests/interop: sign.mjs and verify.mjs, the build
# a web platform would use) and the native (Native AOT) `provenance` tool. Both sign the same noise MP4 (about 419 MB,
# made with ffmpeg, never committed) with the same development certificate and key (ES256), and each verifies both
# signed files. Neither makes a video thumbnail (c2pa-rs makes none for video; Provenance is given --no-thumbnail);
# both verify after signing without re-hashing the media, their defaults. Each figure is the best of RUNS (default 3),
# from the page cache, with its peak RSS.
#
#   bash benchmarks/c2pa-rs-compare.sh [size-in-MB]     (default 419)
#
# Needs node (`npm ci` in tests/interop is run when missing), ffmpeg and the .NET SDK; folders, tool and RUNS as in
# benchmarks/bench-common.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
megabytes=${1:-419}
[ -d tests/interop/node_modules/@contentauth/c2pa-wasm ] || (cd tests/interop && npm ci --silent)
source benchmarks/bench-common.sh
certs="$PROVENANCE_HOME/dev-certs"

src="$work/compare-$megabytes.mp4"
if [ ! -f "$src" ]; then
  noise "$(awk -v m="$megabytes" 'BEGIN { printf "%.2f", m * 1e6 / 51e6 }')" "$src"
fi
bytes=$(stat -c %s "$src")
cat "$src" >/dev/null

c2pa_sign=(node "$root/tests/interop/sign.mjs" "$src" "$out/c2pa-rs.mp4" video/mp4 "$certs/chain.pem" "$certs/signer.key.pem" es256)
ours_sign=("${cli[@]}" sign "$src" -o "$out/provenance.mp4" --no-thumbnail)
read -r t_sign_c2pa rss_sign_c2pa <<<"$(best "${c2pa_sign[@]}")"
read -r t_sign_ours rss_sign_ours <<<"$(best "${ours_sign[@]}")"

verify_c2pa() { node "$root/tests/interop/verify.mjs" "$1" video/mp4 "$certs/root-ca.pem"; }
for signed in c2pa-rs provenance; do
  # Both must call the file trusted before they are timed on it.
  theirs=$(verify_c2pa "$out/$signed.mp4")
  [[ $theirs == *'"validation_state":"Trusted"'* ]] || { echo "c2pa-rs does not trust $signed.mp4: ${theirs:0:600}" >&2; exit 1; }
  ours=$("${cli[@]}" verify "$out/$signed.mp4")
  [[ $ours == *": Trusted"* ]] || { echo "Provenance does not trust $signed.mp4: $ours" >&2; exit 1; }
done
read -r t_vc_c rss_vc_c <<<"$(best node "$root/tests/interop/verify.mjs" "$out/c2pa-rs.mp4" video/mp4 "$certs/root-ca.pem")"
read -r t_vc_o rss_vc_o <<<"$(best "${cli[@]}" verify "$out/c2pa-rs.mp4")"
read -r t_vo_c rss_vo_c <<<"$(best node "$root/tests/interop/verify.mjs" "$out/provenance.mp4" video/mp4 "$certs/root-ca.pem")"
read -r t_vo_o rss_vo_o <<<"$(best "${cli[@]}" verify "$out/provenance.mp4")"
read -r t_sha _ <<<"$(best openssl dgst -sha256 "$src")"

echo "$(awk -v b="$bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }') MP4, best of $runs, page cache warm; openssl dgst -sha256 of it: $t_sha s"
echo
echo "| step | c2pa-rs (WebAssembly, Node $(node --version)) | Provenance (native) | Provenance faster by | peak RSS c2pa-rs / Provenance |"
echo "| --- | --- | --- | --- | --- |"
row() { awk -v n="$1" -v c="$2" -v o="$3" -v rc="$4" -v ro="$5" 'BEGIN { printf "| %s | %.2f s | %.2f s | %.1f× | %d / %d MB |\n", n, c, o, c / o, rc, ro }'; }
row "sign to a new file" "$t_sign_c2pa" "$t_sign_ours" "$rss_sign_c2pa" "$rss_sign_ours"
row "verify the file c2pa-rs signed" "$t_vc_c" "$t_vc_o" "$rss_vc_c" "$rss_vc_o"
row "verify the file Provenance signed" "$t_vo_c" "$t_vo_o" "$rss_vo_c" "$rss_vo_o"
echo
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; c2pa-wasm $(node -p "require('$root/tests/interop/node_modules/@contentauth/c2pa-wasm/package.json').version"); tool: ${cli[*]}"
