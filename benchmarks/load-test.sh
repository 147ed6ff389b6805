#!/usr/bin/env bash
# Load test (issue 11, item 5) of samples/UploadVerifier on 127.0.0.1: a bounded number of POST /verify requests (a mix
# of signed and tampered JPEG, PNG, WebP, SVG and MP4 files, made here with the CLI) from a fixed number of concurrent
# clients, stopped after a time budget. Prints throughput, latency p50/p95/p99, the status codes seen, and the
# server's peak RSS (VmHWM). Not a CI test.
# Usage: bash benchmarks/load-test.sh [requests=2000] [clients=8] [seconds=60]
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-2000}
clients=${2:-8}
budget=${3:-60}
port=${PROVENANCE_LOAD_PORT:-5099}
work=$(mktemp -d)
export PROVENANCE_HOME="$work/home"
dotnet build src/Provenance.Cli -c Release -v quiet -nologo >/dev/null
dotnet build samples/UploadVerifier -c Release -v quiet -nologo >/dev/null
cli=(dotnet src/Provenance.Cli/bin/Release/net10.0/Provenance.Cli.dll)
fixtures=../shared/fixtures/c2pa-rs

mkdir -p "$work/files"
for input in no_manifest.jpg sample1.png formats/test.webp formats/sample1.svg video1_no_manifest.mp4; do
  name=$(basename "$input")
  "${cli[@]}" sign "$fixtures/$input" -o "$work/files/signed-$name" >/dev/null
  # A tampered copy: one byte in the middle of the file flipped (inside the hashed ranges for these files).
  python3 - "$work/files/signed-$name" "$work/files/tampered-$name" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[len(data) * 3 // 4] ^= 0x01
open(sys.argv[2], "wb").write(data)
PY
done

Provenance__TrustAnchors="$PROVENANCE_HOME/dev-certs/root-ca.pem" ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
  dotnet samples/UploadVerifier/bin/Release/net10.0/UploadVerifier.dll >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done

python3 - "$work/files" "$port" "$requests" "$clients" "$budget" "$server" <<'PY'
import collections, http.client, os, sys, threading, time
folder, port, total, clients, budget, pid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
files = [open(os.path.join(folder, f), "rb").read() for f in sorted(os.listdir(folder))]
latencies, statuses, lock = [], collections.Counter(), threading.Lock()
next_index = [0]
start = time.monotonic()

def worker():
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while True:
        with lock:
            i = next_index[0]
            if i >= total or time.monotonic() - start > budget:
                return
            next_index[0] += 1
        body = files[i % len(files)]
        began = time.monotonic()
        connection.request("POST", "/verify", body=body, headers={"Content-Type": "application/octet-stream"})
        response = connection.getresponse()
        response.read()
        elapsed = time.monotonic() - began
        with lock:
            latencies.append(elapsed)
            statuses[response.status] += 1

threads = [threading.Thread(target=worker) for _ in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
wall = time.monotonic() - start
latencies.sort()
def pct(p): return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000
hwm = next((l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmHWM")), "?")
print(f"requests {len(latencies)} of {total} in {wall:.1f} s ({clients} clients, {len(files)} distinct files, {sum(len(f) for f in files)/len(files)/1024:.0f} KiB average)")
print(f"throughput {len(latencies)/wall:.1f} requests/s")
print(f"latency p50 {pct(50):.1f} ms, p95 {pct(95):.1f} ms, p99 {pct(99):.1f} ms, max {latencies[-1]*1000:.1f} ms")
print(f"status codes {dict(sorted(statuses.items()))}")
print(f"server peak RSS {int(hwm)/1024:.0f} MiB" if hwm != "?" else "server peak RSS unknown")
PY
