#!/usr/bin/env bash
# The launcher's JIT choice, side by side (docs/benchmarks.md, "JVM flags"): verified cold and warm `inspect` of
# big.tar with the flags before (tiered C1 + C2), with C2 kept for the SHA-256 code alone (what ./whittle passes now)
# and with the quick compiler only, interleaved so the machine's load falls on all alike. Prints one line per run:
# label, user s, sys s, wall s, peak RSS KB, load average. BENCH_OUT (default bench/out) holds big.tar; RUNS (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${BENCH_OUT:-bench/out}"; runs="${RUNS:-3}"; cache="$(mktemp -d)"; trap 'rm -rf "$cache"' EXIT
./whittle --version > /dev/null # builds the jar and its class-data sharing archive when stale
jvm=(java -Xshare:auto -XX:SharedArchiveFile=target/whittle.jsa -XX:+UseParallelGC)
sha=(-XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput -XX:CompilerDirectivesFile=src/main/jvm/compiler-directives.json)
t() { local label="$1"; shift; /usr/bin/time -f "$label %U %S %e %M load=$(cut -d' ' -f1 /proc/loadavg)" "$@" > /dev/null; }
cat "$out/big.tar" > /dev/null
"${jvm[@]}" -jar target/whittle.jar inspect --json --cache-dir "$cache" "docker-archive:$out/big.tar" > /dev/null
for _ in $(seq "$runs"); do
  t cold-tiered "${jvm[@]}" -jar target/whittle.jar inspect --json --no-cache "docker-archive:$out/big.tar"
  t cold-c2-sha-only "${jvm[@]}" "${sha[@]}" -jar target/whittle.jar inspect --json --no-cache "docker-archive:$out/big.tar"
  t warm-tiered "${jvm[@]}" -jar target/whittle.jar inspect --json --cache-dir "$cache" "docker-archive:$out/big.tar"
  t warm-c2-sha-only "${jvm[@]}" "${sha[@]}" -jar target/whittle.jar inspect --json --cache-dir "$cache" \
    "docker-archive:$out/big.tar"
  t warm-c1-only "${jvm[@]}" -XX:TieredStopAtLevel=1 -jar target/whittle.jar inspect --json --cache-dir "$cache" \
    "docker-archive:$out/big.tar"
done
