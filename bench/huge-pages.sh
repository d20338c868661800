#!/usr/bin/env bash
# The launcher's transparent huge pages, side by side (docs/benchmarks.md, "JVM flags"): the same jar and launcher
# with the heap in 2 MB pages (what ./whittle passes where the kernel's THP mode is "madvise") and without them
# (WHITTLE_JAVA_OPTS=-XX:-UseTransparentHugePages, which comes later on the command line and wins), alternating, on
# the package benchmark's image (bench/packages.sh writes it): cold inspect and packages in their text and JSON
# output, the CycloneDX SBOM, a verified cold inspect, a warm inspect and lint. Prints a markdown table of median CPU
# (user + sys), wall and peak RSS for each side.
#
# Environment: BENCH_OUT (where packages.tar is, default bench/out), BENCH_RUNS (rounds, default 5), WHITTLE.
set -euo pipefail
BENCH_SAY=bench/huge-pages
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"
thp=/sys/kernel/mm/transparent_hugepage/enabled
[[ -r "$thp" && "$(<"$thp")" == *"[madvise]"* ]] ||
  { say "the kernel's transparent huge pages are not in madvise mode ($(cat "$thp" 2>/dev/null || echo absent)): nothing to compare"; exit 1; }
image="$out/packages.tar"
[[ -f "$image" ]] || { say "no $image: run bench/packages.sh first (it writes the image)"; exit 1; }
ref="docker-archive:$image"
$whittle --version > /dev/null # builds the jar and its class-data sharing archive when stale
cat "$image" > /dev/null
cache="$(mktemp -d)"; times="$(mktemp)"; trap 'rm -rf "$cache" "$times"' EXIT
$whittle inspect --json --cache-dir "$cache" "$ref" > /dev/null
names=(inspect-text packages-text inspect-json packages-json cyclonedx inspect-verified inspect-warm lint)
declare -A cmd=(
  [inspect-text]="inspect --no-verify --no-cache $ref"
  [packages-text]="packages --no-verify --no-cache $ref"
  [inspect-json]="inspect --json --no-verify --no-cache $ref"
  [packages-json]="packages --json --no-verify --no-cache $ref"
  [cyclonedx]="packages --format cyclonedx --no-verify --no-cache $ref"
  [inspect-verified]="inspect --json --no-cache $ref"
  [inspect-warm]="inspect --json --cache-dir $cache $ref"
  [lint]="lint examples/Dockerfile.before"
)
load_start="$(load3)"
for ((r = 1; r <= runs; r++)); do
  for n in "${names[@]}"; do
    for side in off on; do
      opts=""; [[ $side == off ]] && opts="-XX:-UseTransparentHugePages"
      say "round $r/$runs: $n, huge pages $side (load $(load1))"
      # lint exits 1 on the findings of the example Dockerfile: that is its answer, not a failure
      WHITTLE_JAVA_OPTS="$opts" /usr/bin/time -f "$n $side %e %U %S %M" -a -o "$times" $whittle ${cmd[$n]} \
        > /dev/null 2>&1 || [[ $n == lint ]]
    done
  done
done
echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) at commit \`$(git rev-parse --short HEAD)\` by \`bench/huge-pages.sh\`, $runs"
echo "alternating rounds, $cores cores, load average at the start $load_start, at the end $(load3)."
echo
python3 - "$times" "${names[@]}" <<'EOF'
import collections, statistics, sys
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    if len(f) == 6 and f[1] in ("on", "off"):
        d[(f[0], f[1])].append((float(f[3]) + float(f[4]), float(f[2]), int(f[5]) // 1024))
print("| run | CPU without (median; each round) | CPU with huge pages | change | median wall without / with | peak RSS without / with |")
print("|---|---|---|---|---|---|")
for n in sys.argv[2:]:
    a, b = d[(n, "off")], d[(n, "on")]
    ca, cb = statistics.median(x[0] for x in a), statistics.median(x[0] for x in b)
    each = lambda s: " ".join(f"{x[0]:.2f}" for x in s)
    print(f"| {n} | {ca:.2f} s ({each(a)}) | {cb:.2f} s ({each(b)}) | {100 * (cb - ca) / ca:+.0f}% "
          f"| {statistics.median(x[1] for x in a):.2f} / {statistics.median(x[1] for x in b):.2f} s "
          f"| {max(x[2] for x in a)} / {max(x[2] for x in b)} MB |")
EOF
