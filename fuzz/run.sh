#!/usr/bin/env bash
# Coverage-guided fuzzing with SharpFuzz and AFL++ (issue 11).
#
#   fuzz/run.sh <target>|all <seconds>
#
# target: one of fuzz/targets.txt (the one list: entry points, decoders and one per format handler), or all of them
# in turn. Needs afl-fuzz (Debian: apt-get install afl++) and the SharpFuzz instrumenter
# (dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0); scripts/fuzz-ci.sh installs both
# and runs all targets briefly (the CI step).
# Builds the harness, instruments Provenance.dll, makes the seed corpus once for every target (small media made with
# ffmpeg plus the c2pa-rs fixtures, each signed; a format target gets only its format's signed files), runs afl-fuzz
# for <seconds> per target, prints its figures and copies crashing and hanging inputs to fuzz/findings/<target>/
# (replayed by FuzzFindingsTests in the test suite), with the command that replays each. Exits 3 when a run found
# a crash or a hang, 1 when afl-fuzz could not run.
# The work directory (FUZZ_WORK, default /tmp/provenance-fuzz) holds the build, the seeds and AFL's output.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
targets=$(grep -vE '^(#|\s*$)' "$root/fuzz/targets.txt" | cut -d' ' -f1)
if [[ $# -ne 2 ]] || ! grep -qxF -- "$1" <<<"$targets"$'\nall'; then
    echo "usage: $0 <target>|all <seconds>" >&2
    echo "targets (fuzz/targets.txt):" >&2
    grep -vE '^(#|\s*$)' "$root/fuzz/targets.txt" | sed 's/^/  /' >&2
    exit 2
fi
if [[ $1 == all ]]; then run_targets=$targets; else run_targets=$1; fi
seconds=$2
work=${FUZZ_WORK:-/tmp/provenance-fuzz}
fixtures=${FUZZ_FIXTURES:-$root/../shared/fixtures/c2pa-rs}
export PATH="$PATH:$HOME/.dotnet/tools"

# 1. Build into a fresh folder (FUZZ_SKIP_BUILD=1 reuses the last build), copied to bin/ to be instrumented below,
#    after the seeds are made: an instrumented library only runs under afl-fuzz.
if [[ ${FUZZ_SKIP_BUILD:-0} != 1 || ! -f "$work/build/Provenance.Fuzz.dll" ]]; then
    rm -rf "$work/build"
    dotnet build "$root/fuzz/Provenance.Fuzz" -c Release -m:1 -v q -o "$work/build" >/dev/null
fi
rm -rf "$work/bin"
cp -r "$work/build" "$work/bin"

# 2. Seeds: tiny media of every format ffmpeg writes, plus the small c2pa-rs fixtures, each signed; then the
#    signed files, their manifest stores, CBOR boxes and COSE signatures, per target.
if [[ ! -f "$work/seeds/.complete" ]] || ! cmp -s "$root/fuzz/targets.txt" "$work/seeds/.complete"; then
    rm -rf "$work/seeds"
    media="$work/media"
    mkdir -p "$media"
    make() { ffmpeg -v error -y "$@" </dev/null || echo "ffmpeg could not make ${*: -1}" >&2; }
    image=(-f lavfi -i "testsrc=size=16x16:rate=1" -frames:v 1)
    make "${image[@]}" "$media/tiny.jpg"
    make "${image[@]}" "$media/tiny.png"
    make "${image[@]}" "$media/tiny.gif"
    make "${image[@]}" "$media/tiny.tiff"
    make "${image[@]}" "$media/tiny.webp"
    make "${image[@]}" -c:v libjxl "$media/tiny.jxl"
    make "${image[@]}" -c:v libaom-av1 -still-picture 1 "$media/tiny.avif"
    video=(-f lavfi -i "testsrc=size=16x16:rate=2" -t 1 -pix_fmt yuv420p)
    make "${video[@]}" "$media/tiny.mp4"
    make "${video[@]}" "$media/tiny.mov"
    make "${video[@]}" -c:v mjpeg "$media/tiny.avi"
    audio=(-f lavfi -i "sine=frequency=440:sample_rate=8000" -t 0.2)
    make "${audio[@]}" "$media/tiny.wav"
    make "${audio[@]}" "$media/tiny.flac"
    make "${audio[@]}" -c:a libmp3lame "$media/tiny.mp3"
    make "${audio[@]}" -c:a aac "$media/tiny.m4a"
    # SVG: written here (ffmpeg does not write it), so that a clone without the c2pa-rs fixtures still has a seed.
    printf '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect width="8" height="8" fill="red"/></svg>\n' >"$media/tiny.svg"
    fixture_media=()
    for f in "$fixtures"/formats/* "$fixtures"/*.jpg "$fixtures"/*.png "$fixtures"/*.mp4; do
        [[ -f $f && $(stat -c %s "$f") -le 102400 ]] && fixture_media+=("$f")
    done
    cp "$fixtures/manifest_data.c2pa" "$media/" 2>/dev/null || true
    dotnet "$work/bin/Provenance.Fuzz.dll" seed "$work/seeds" "$media"/tiny.* "${fixture_media[@]}"
    [[ -f "$media/manifest_data.c2pa" ]] && cp "$media/manifest_data.c2pa" "$work/seeds/jumbf/"
    cp "$root/fuzz/targets.txt" "$work/seeds/.complete"
fi

# 3. Instrument the library (only Provenance.dll: the code under test), then fuzz each target. SharpFuzz's
#    out-of-process runner restarts the .NET process per crash, so AFL's crash checks are relaxed as its documentation
#    says; in a container AFL cannot set the CPU governor or pin a core another fuzzer holds, so it is told not to try.
#    -t is generous because the first input of a process pays for the JIT.
sharpfuzz "$work/bin/Provenance.dll" >/dev/null
mkdir -p "$work/afl"
found=0
for target in $run_targets; do
    out="$work/afl/$target"
    rm -rf "$out"
    if [[ -z $(ls -A "$work/seeds/$target" 2>/dev/null) ]]; then
        echo "$target: no seed (no media of its format could be made or signed); an empty input stands in" >&2
        mkdir -p "$work/seeds/$target"
        printf '\0' >"$work/seeds/$target/empty"
    fi
    echo "== $target ($seconds s)"
    AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 \
        AFL_FAST_CAL=1 \
        afl-fuzz -i "$work/seeds/$target" -o "$out" -t "${FUZZ_TIMEOUT_MS:-5000}" -m none -V "$seconds" \
        -- "$(command -v dotnet)" "$work/bin/Provenance.Fuzz.dll" "$target" >"$work/afl-$target.log" 2>&1 || {
            echo "$target: afl-fuzz failed (log: $work/afl-$target.log)" >&2
            tail -20 "$work/afl-$target.log" >&2
            exit 1
        }

    # 4. Figures and findings (renamed by content hash: AFL's names hold ':' and ',').
    grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg)' "$out/default/fuzzer_stats"
    findings="$root/fuzz/findings/$target"
    for kind in crashes hangs; do
        for f in "$out/default/$kind"/id*; do
            [[ -f $f ]] || continue
            name="$findings/$([[ $kind == crashes ]] && echo crash || echo hang)-$(sha1sum "$f" | cut -c1-12)"
            mkdir -p "$findings"
            cp "$f" "$name"
            echo "FOUND ${kind%es}: $name"
            echo "  replay: dotnet $work/build/Provenance.Fuzz.dll replay $target $name"
            found=1
        done
    done
done

if [[ $found == 1 ]]; then
    echo "fuzzing found crashes or hangs (saved under fuzz/findings/; FuzzFindingsTests replays them)" >&2
    exit 3
fi
