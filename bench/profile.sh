#!/usr/bin/env bash
# Profiles one whittle command with Java Flight Recorder and prints where the time and the allocations go.
#
#   bench/profile.sh inspect --json docker-archive:bench/out/big.tar
#   bench/profile.sh --report FILE.jfr        (only print the summary of an existing recording)
#
# Writes bench/out/profile/<timestamp>.jfr and prints: the hottest methods (top frame of execution samples), the
# hottest whittle methods counting every frame (inclusive), allocation by class, and GC pauses.
# TOP (default 25) sets the length of each list.
set -eu # no pipefail: head closes the pipes early
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
top="${TOP:-25}"
dir="${BENCH_OUT:-$here/out}/profile"
mkdir -p "$dir"
jfr_file="$dir/$(date +%Y%m%d-%H%M%S).jfr"

if [[ "${1:-}" == "--report" ]]; then
  jfr_file="$2"
else
  cd "$root"
  start=$(date +%s.%N)
  WHITTLE_JAVA_OPTS="${WHITTLE_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$jfr_file,settings=profile,dumponexit=true" \
    ./whittle "$@" > /dev/null 2> "$jfr_file.log"
  end=$(date +%s.%N)
  echo "wall: $(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f s", e - s }')  recording: $jfr_file"
fi

echo
echo "== hottest methods (top frame; samples every 10-20 ms per running thread)"
jfr print --events jdk.ExecutionSample "$jfr_file" |
  awk '/stackTrace = \[/ { getline; sub(/^[ \t]+/, ""); sub(/[ \t]+line:.*/, ""); n[$0]++; total++ }
       END { for (m in n) printf "%6d %5.1f%%  %s\n", n[m], 100 * n[m] / total, m }' | sort -rn | head -"$top"

echo
echo "== whittle methods, inclusive (samples with the method anywhere on the stack)"
jfr print --stack-depth 128 --events jdk.ExecutionSample "$jfr_file" |
  awk '/stackTrace = \[/ { inside = 1; delete seen; total++; next }
       inside && /^[ \t]*\]/ { inside = 0; next }
       inside && /dev\.whittle\./ { m = $0; sub(/^[ \t]+/, "", m); sub(/[ \t]+line:.*/, "", m);
                                    if (!(m in seen)) { seen[m] = 1; n[m]++ } }
       END { for (m in n) printf "%6d %5.1f%%  %s\n", n[m], 100 * n[m] / total, m }' | sort -rn | head -"$top"

echo
echo "== allocation by class (sampled weight)"
jfr print --events jdk.ObjectAllocationSample "$jfr_file" |
  awk '/objectClass = / { c = $3 } /weight = / { w = $3; unit = $4;
         mult = unit ~ /^kB/ ? 1024 : unit ~ /^MB/ ? 1048576 : unit ~ /^GB/ ? 1073741824 : 1;
         gsub(/,/, "", w); bytes[c] += w * mult; total += w * mult }
       END { for (c in bytes) printf "%10.1f MB %5.1f%%  %s\n", bytes[c] / 1048576, 100 * bytes[c] / total, c }' |
  sort -rn | head -"$top"

echo
echo "== GC"
jfr print --events jdk.GarbageCollection "$jfr_file" |
  awk '/ name = / { name = $3 } /sumOfPauses = / { s = $3; u = $4; gsub(/,/, "", s);
         ms = u ~ /^s/ ? s * 1000 : u ~ /^us/ ? s / 1000 : u ~ /^ns/ ? s / 1e6 : s; n[name]++; t[name] += ms }
       END { for (k in n) printf "%s: %d collections, %.0f ms paused\n", k, n[k], t[k] }'
jfr print --events jdk.GCHeapSummary "$jfr_file" |
  awk '/heapUsed = / { v = $3; u = $4; gsub(/,/, "", v);
         mb = u ~ /^GB/ ? v * 1024 : u ~ /^kB/ ? v / 1024 : u ~ /^MB/ ? v : v / 1048576; if (mb > max) max = mb }
       END { printf "max heap used at a GC: %.0f MB\n", max }'
