#!/usr/bin/env bash
# `whittle packages` against `inspect --no-verify` (issue 18; docs/benchmarks.md, "`whittle packages` against
# `inspect` (issue 18)"): on the held-out-sized package image bench/GeneratePackageImage.java writes (30 layers, about
# 3 GB and 206,000 files, 1,500 dpkg packages with closures, npm, pip and Maven), the CPU time of
#   inspect --no-verify --no-cache    against   packages --no-verify --no-cache          (cold: every layer read)
#   inspect (warm cache)              against   packages (warm cache)                    (the cache filled once first)
#   packages --format cyclonedx --no-verify --no-cache                                    (the SBOM, cold)
# (the warm pair verifies: the layer cache is off under --no-verify, so a warm --no-verify run is a cold one; with it,
# the archive's layers are recognised by their stat keys and a command whose whole result is cached loads no layer)
# run side by side, alternating, BENCH_RUNS rounds, each timed with /usr/bin/time (wall, user, sys, peak RSS). Before
# timing, checks that `packages` finds exactly the packages the generator wrote (packages.expect). Prints the ratios
# of median CPU (user + sys) and rewrites the marked block of docs/benchmarks.md.
#
# Environment: BENCH_OUT (where the image is written, default bench/out), BENCH_RUNS (rounds, default 5), BENCH_DOCS,
# WHITTLE (as bench/lib.sh), PKG_SCALE (generator scale, default 1; 0.05 for a quick try).
set -euo pipefail

BENCH_SAY=bench/packages
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

scale="${PKG_SCALE:-1}"
[[ "$scale" == *.* ]] || scale="$scale.0" # as the generator prints it
image="$out/packages.tar"
expect="$out/packages.expect"
version="$(sed -n 's/.*static final String VERSION = "\(.*\)";/\1/p' "$here/GeneratePackageImage.java")"
mkdir -p "$out" "$results"
if [[ ! -f "$image" || ! -f "$expect" ]] || [[ "$(head -1 "$expect")" != "version $version scale $scale" ]]; then
  say "generating $image (scale $scale) ..."
  java "$here/GeneratePackageImage.java" "$out" --scale "$scale" >&2
fi
cd "$root"
$whittle --version > /dev/null
ref="docker-archive:$image"
cache="$out/packages-cache"
say "warming the page cache ..."
cat "$image" > /dev/null

# ---- the count check: `packages` finds what the generator wrote ---------------------------------------------------
$whittle packages --json --no-verify --no-cache "$ref" > "$results/packages.json"
check="$(python3 - "$results/packages.json" "$expect" <<'EOF'
import json, sys
found = {e["ecosystem"]: e["packages"] for e in json.load(open(sys.argv[1]))["ecosystems"]}
want = {k: int(v) for k, v in (l.split()[:2] for l in open(sys.argv[2]) if l.split()[0] in ("deb", "npm", "pypi", "maven"))}
bad = [f"{k}: found {found.get(k, 0)}, generated {v}" for k, v in sorted(want.items()) if found.get(k, 0) != v]
print("; ".join(bad) if bad else ", ".join(f"{k} {v}" for k, v in sorted(want.items())))
sys.exit(1 if bad else 0)
EOF
)" || { say "packages did not find what was generated: $check"; exit 1; }
say "found as generated: $check"

# ---- the cases, alternating ---------------------------------------------------------------------------------------
names=(inspect-cold packages-cold cyclonedx-cold spdx-cold inspect-text-cold packages-text-cold inspect-warm packages-warm)
declare -A cmd=(
  [inspect-cold]="$whittle inspect --json --no-verify --no-cache $ref"
  [packages-cold]="$whittle packages --json --no-verify --no-cache $ref"
  [cyclonedx-cold]="$whittle packages --format cyclonedx --no-verify --no-cache $ref"
  [spdx-cold]="$whittle packages --format spdx --no-verify --no-cache $ref"
  # the default output of each: inspect's text is a summary, its --json lists every wasted file (10 MB here), so
  # the text pair is the one where the yardstick's own output costs least
  [inspect-text-cold]="$whittle inspect --no-verify --no-cache $ref"
  [packages-text-cold]="$whittle packages --no-verify --no-cache $ref"
  [inspect-warm]="$whittle inspect --json --cache-dir $cache $ref"
  [packages-warm]="$whittle packages --json --cache-dir $cache $ref"
)
rm -rf "$cache"
say "filling the layer cache ..."
${cmd[inspect-warm]} > /dev/null
${cmd[packages-warm]} > /dev/null
for n in "${names[@]}"; do : > "$results/pkg-$n.times"; done
load_start="$(load3)"
for ((r = 1; r <= runs; r++)); do
  for n in "${names[@]}"; do
    say "round $r/$runs: $n (load $(load1))"
    /usr/bin/time -f '%e %U %S %M' -o "$results/pkg-$n.time" ${cmd[$n]} > /dev/null 2> "$results/pkg-$n.err" ||
      { say "FAILED: ${cmd[$n]}"; cat "$results/pkg-$n.err" >&2; exit 1; }
    cat "$results/pkg-$n.time" >> "$results/pkg-$n.times"
  done
done
load_end="$(load3)"

median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
cpu_all() { awk '{ printf "%s%.2f", (NR > 1 ? " " : ""), $2 + $3 }' "$results/pkg-$1.times"; }
cpu() { awk '{ print $2 + $3 }' "$results/pkg-$1.times" | median; }
wall() { awk '{ print $1 }' "$results/pkg-$1.times" | median; }
rss() { awk '$4 > m { m = $4 } END { printf "%.0f", m / 1024 }' "$results/pkg-$1.times"; }

cold="$(ratio "$(cpu packages-cold)" "$(cpu inspect-cold)")"
warm="$(ratio "$(cpu packages-warm)" "$(cpu inspect-warm)")"
sbom="$(ratio "$(cpu cyclonedx-cold)" "$(cpu inspect-cold)")"
spdx="$(ratio "$(cpu spdx-cold)" "$(cpu inspect-cold)")"
text="$(ratio "$(cpu packages-text-cold)" "$(cpu inspect-text-cold)")"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
total() { sed -n "s/^$1 //p" "$expect"; }
{
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) at commit \`$commit\` by \`bench/packages.sh\` on \`packages.tar\` of"
  echo "\`bench/GeneratePackageImage.java\` (version $version, scale $scale: $(total layers) layers, $(total files) regular files"
  echo "and $(total visible) bytes in the final filesystem, $(total content) bytes of content in all layers), $cores cores,"
  echo "$runs alternating rounds. Load average (1, 5, 15 min) at the start: $load_start; at the end: $load_end. Ratios are of"
  echo "median CPU (user + sys); wall times are shown for context only. \`packages\` found: $check."
  echo
  echo "| target | measured | target | result |"
  echo "|---|---|---|---|"
  echo "| packages --json / inspect --json --no-verify, cold: CPU | $cold | <= 1.2 | $(verdict "$cold" "<=" 1.2) |"
  echo "| packages / inspect --no-verify (both their default text), cold: CPU | $text | <= 1.2 | $(verdict "$text" "<=" 1.2) |"
  echo "| packages / inspect, warm cache: CPU | $warm | <= 1.2 | $(verdict "$warm" "<=" 1.2) |"
  echo "| packages --format cyclonedx / inspect --json --no-verify, cold: CPU | $sbom | <= 1.2 | $(verdict "$sbom" "<=" 1.2) |"
  echo "| packages --format spdx / inspect --json --no-verify, cold: CPU | $spdx | <= 1.2 | $(verdict "$spdx" "<=" 1.2) |"
  echo
  echo "| figure | median CPU (user+sys) | each round | median wall | peak RSS | command |"
  echo "|---|---|---|---|---|---|"
  for n in "${names[@]}"; do
    printf '| %s | %s s | %s | %s s | %s MB | `%s` |\n' "$n" "$(cpu "$n")" "$(cpu_all "$n")" "$(wall "$n")" "$(rss "$n")" \
      "${cmd[$n]}"
  done
} > "$results/packages-report.md"
cat "$results/packages-report.md"

splice_docs packages "\`whittle packages\` against \`inspect\`: latest results (written by bench/packages.sh)" \
  "$results/packages-report.md"
