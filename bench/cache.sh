#!/usr/bin/env bash
# The layer cache's figures (issue 16; docs/benchmarks.md, "Layer cache"): the hash floor of a verified read, warm runs
# of inspect / explain / compare / report against their own cold verified runs, and what the cache costs per layer
# entry and per file. bench/run.sh runs it after its own figures; it also runs alone on images run.sh generated.
#
# Environment: as bench/run.sh (BENCH_OUT, BENCH_RUNS, BENCH_DOCS, WHITTLE). Every figure is printed with the load
# average taken just before it was timed: on a shared machine wall times are inflated by other work, so the targets
# are side-by-side ratios and CPU times, not absolute seconds.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="${BENCH_OUT:-$here/out}"
runs="${BENCH_RUNS:-5}"
docs="${BENCH_DOCS:-$root/docs/benchmarks.md}"
whittle="${WHITTLE:-./whittle}"
results="$out/results"
say() { echo "bench/cache: $*" >&2; }

[[ -f "$out/big.tar" && -d "$out/big-oci" ]] || { say "no images in $out: run bench/run.sh first"; exit 1; }
command -v hyperfine >/dev/null || { say "needs hyperfine (CPU times and --prepare)"; exit 1; }
mkdir -p "$results"
cd "$root"
(cd "$root" && $whittle --version >/dev/null)
rel="${out#"$root"/}"
cache="$rel/layer-cache"
cores="$(nproc)"

layer_blobs() { # the layer blob paths of an OCI layout with one image
  local dir="$1" manifest
  manifest="$(grep -o '"digest":"sha256:[0-9a-f]*"' "$dir/index.json" | head -1 | sed 's/.*sha256:\([0-9a-f]*\)"/\1/')"
  grep -o '"layers":\[.*' "$dir/blobs/sha256/$manifest" | grep -o 'sha256:[0-9a-f]*' | sed "s#sha256:#$dir/blobs/sha256/#"
}

say "warming the page cache ..."
cat "$out/big.tar" "$out/big-2x.tar" > /dev/null
find "$out/big-oci" -type f -exec cat {} + > /dev/null

# ---- the hash floor: SHA-256 CPU of the bytes a verified read must digest, on this machine, now -----------------
# docker-archive (uncompressed): each layer tar once (the archive minus a few KB of JSON); OCI gzip: each blob once as
# stored and once inflated.
say "measuring the hash floor ..."
load_floor="$(cut -d' ' -f1 /proc/loadavg)"
read -r floor_da_bytes floor_da_cpu < <(java "$here/HashFloor.java" raw "$out/big.tar")
# shellcheck disable=SC2046
read -r floor_oci_bytes floor_oci_cpu < <(java "$here/HashFloor.java" gzip $(layer_blobs "$out/big-oci"))

# ---- cases: name|prepare|command ---------------------------------------------------------------------------------
da="docker-archive:$rel/big.tar"
da2="docker-archive:$rel/big-2x.tar"
oci="oci:$rel/big-oci"
html="$rel/results/cache-report.html"
fill=(
  "inspect-fill|rm -rf $cache|$whittle inspect --json --cache-dir $cache $da"
)
cold=(
  "inspect-nv|:|$whittle inspect --json --no-verify --no-cache $da"
  "inspect-cold|:|$whittle inspect --json --no-cache $da"
  "oci-nv|:|$whittle inspect --json --no-verify --no-cache $oci"
  "oci-cold|:|$whittle inspect --json --no-cache $oci"
  "explain-cold|:|$whittle explain --json --no-cache $da"
  "compare-cold|:|$whittle compare --json --no-cache $da $da2"
  "report-cold|:|$whittle report --no-cache -o $html $da"
  "report-noexplain-cold|:|$whittle report --no-explain --no-cache -o $html $da"
)
warm=(
  "inspect-warm|:|$whittle inspect --json --cache-dir $cache $da"
  "oci-warm|:|$whittle inspect --json --cache-dir $cache $oci"
  "explain-warm|:|$whittle explain --json --cache-dir $cache $da"
  "compare-warm|:|$whittle compare --json --cache-dir $cache $da $da2"
  "report-warm|:|$whittle report --cache-dir $cache -o $html $da"
  "report-noexplain-warm|:|$whittle report --no-explain --cache-dir $cache -o $html $da"
)

declare -A cmd median cpu load
time_case() { # name|prepare|command: hyperfine median wall, mean user+sys CPU, load average before
  local name="${1%%|*}" rest="${1#*|}" prepare command f
  prepare="${rest%%|*}"; command="${rest#*|}"
  cmd[$name]="$command"
  load[$name]="$(cut -d' ' -f1 /proc/loadavg)"
  say "timing $name: $command"
  hyperfine --style none --runs "$runs" --prepare "$prepare" --export-json "$results/$name.hyperfine.json" \
    "$command" > /dev/null 2>&1
  f="$results/$name.hyperfine.json"
  median[$name]="$(sed -n 's/.*"median": *\([0-9.eE+-]*\).*/\1/p' "$f" | head -1)"
  cpu[$name]="$(awk -v u="$(sed -n 's/.*"user": *\([0-9.eE+-]*\).*/\1/p' "$f" | head -1)" \
    -v s="$(sed -n 's/.*"system": *\([0-9.eE+-]*\).*/\1/p' "$f" | head -1)" 'BEGIN { printf "%.3f", u + s }')"
}
check() { # runs a case once; its output must equal the reference output
  local name="${1%%|*}" rest="${1#*|}"
  bash -c "${rest#*|}" > "$results/$name.out" 2> "$results/$name.err" || { say "FAILED: ${rest#*|}"; cat "$results/$name.err" >&2; exit 1; }
}

load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
for c in "${fill[@]}"; do time_case "$c"; done
for c in "${cold[@]}"; do check "$c"; time_case "$c"; done
for c in "${warm[@]}"; do check "$c"; done # fills the cache for every image and command (the cold run of each)
for c in "${warm[@]}"; do time_case "$c"; done
load_end="$(cut -d' ' -f1-3 /proc/loadavg)"

# warm output equals cold output, to the byte
same() { cmp -s "$results/$1.out" "$results/$2.out" && echo "same bytes" || echo "DIFFERENT"; }
$whittle inspect --json --no-cache "$da" > "$results/inspect-ref.out"
$whittle inspect --json --cache-dir "$cache" "$da" > "$results/inspect-warm.out"
$whittle compare --json --no-cache "$da" "$da2" > "$results/compare-ref.out"
$whittle compare --json --cache-dir "$cache" "$da" "$da2" > "$results/compare-warm.out"

# ---- the cache's own size ------------------------------------------------------------------------------------------
$whittle cache --json --cache-dir "$cache" > "$results/cache.json"
field() { sed -n "s/^  \"$1\" : \\([0-9.]*\\).*/\\1/p" "$results/cache.json" | head -1; }
index_line="$(tr -d '\n ' < "$results/cache.json" | grep -o '"kind":"layer-index","entries":[0-9]*,"bytes":[0-9]*')"
index_entries="$(echo "$index_line" | sed 's/.*"entries":\([0-9]*\).*/\1/')"
index_bytes="$(echo "$index_line" | sed 's/.*"bytes":\([0-9]*\)/\1/')"
files_indexed="$(field indexedFiles)"
per_file="$(field bytesPerFile)"

# ---- report ----------------------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == "<=") ? v <= t : v < t; print ok ? "pass" : "FAIL" }'; }
floor_da="$(awk -v nv="${cpu[inspect-nv]}" -v h="$floor_da_cpu" -v c="$cores" 'BEGIN { printf "%.3f", (nv + h) / c }')"
floor_oci="$(awk -v nv="${cpu[oci-nv]}" -v h="$floor_oci_cpu" -v c="$cores" 'BEGIN { printf "%.3f", (nv + h) / c }')"
row() { # label, value, op, target, load
  printf '| %s | %s | %s %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$(verdict "$2" "$3" "$4")" "$5"
}
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
{
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) at commit \`$commit\` by \`bench/cache.sh\` on the images of generator $(cat "$out/STAMP" 2>/dev/null || echo "?") (version, scale), $cores cores, hyperfine --runs $runs"
  echo "(median wall; CPU = mean user + sys). Load average (1 min) at the start: $load_start; at the end: $load_end."
  echo
  echo "| target | measured | target | result | load (1 min) |"
  echo "|---|---|---|---|---|"
  row "verified cold inspect, docker-archive: wall / floor" "$(ratio "${median[inspect-cold]}" "$floor_da")" "<=" 1.25 "${load[inspect-cold]}"
  row "verified cold inspect, OCI gzip: wall / floor" "$(ratio "${median[oci-cold]}" "$floor_oci")" "<=" 1.25 "${load[oci-cold]}"
  for c in inspect oci explain compare report report-noexplain; do
    row "warm / cold verified, $c: wall" "$(ratio "${median[$c-warm]}" "${median[$c-cold]}")" "<=" 0.2 "${load[$c-warm]}"
    row "warm / cold verified, $c: CPU" "$(ratio "${cpu[$c-warm]}" "${cpu[$c-cold]}")" "<=" 0.2 "${load[$c-warm]}"
  done
  row "layer index bytes per file entry" "$per_file" "<=" 64 "-"
  echo
  echo "Hash floor (JDK SHA-256, one thread, load $load_floor): docker-archive $floor_da_bytes bytes in $floor_da_cpu s CPU;"
  echo "OCI gzip $floor_oci_bytes bytes (blobs + inflated layers) in $floor_oci_cpu s CPU. Floor = (CPU of the \`--no-verify\`"
  echo "run + hash floor) / $cores cores: docker-archive $floor_da s, OCI gzip $floor_oci s."
  echo
  echo "Cache: $index_entries layer indexes, $index_bytes bytes for $files_indexed layer entries"
  echo "($(awk -v b="$index_bytes" -v n="$index_entries" 'BEGIN { printf "%.0f", b / n }') bytes per layer index,"
  echo "$per_file bytes per file entry). Warm output equals cold: inspect $(same inspect-ref inspect-warm), compare $(same compare-ref compare-warm)."
  echo
  echo "| figure | median wall | CPU (user+sys) | load (1 min) | command |"
  echo "|---|---|---|---|---|"
  for c in "${fill[@]}" "${cold[@]}" "${warm[@]}"; do
    name="${c%%|*}"
    printf '| %s | %.3f s | %s s | %s | `%s` |\n' "$name" "${median[$name]}" "${cpu[$name]}" "${load[$name]}" "${cmd[$name]}"
  done
} > "$results/cache-report.md"
cat "$results/cache-report.md"

if [[ "$docs" != /dev/null ]]; then
  begin='<!-- bench:cache:begin -->'
  end='<!-- bench:cache:end -->'
  if ! grep -q "$begin" "$docs"; then
    printf '\n## Layer cache: latest results (written by bench/cache.sh)\n\n%s\n%s\n' "$begin" "$end" >> "$docs"
  fi
  awk -v begin="$begin" -v end="$end" -v report="$results/cache-report.md" '
    $0 == begin { print; while ((getline line < report) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' "$docs" > "$docs.tmp" && mv "$docs.tmp" "$docs"
  say "updated $docs"
fi
