#!/usr/bin/env bash
# The layer cache's figures (issue 16; docs/benchmarks.md, "Layer cache"): the hash floor of a verified read, warm runs
# of inspect / explain / compare / report against their own cold verified runs, and what the cache costs per layer
# entry and per file. bench/run.sh runs it after its own figures; it also runs alone on images run.sh generated.
#
# Environment: as bench/run.sh (BENCH_OUT, BENCH_RUNS, BENCH_DOCS, WHITTLE). Every figure is printed with the load
# average taken just before it was timed: on a shared machine wall times are inflated by other work, so the targets
# are side-by-side ratios and CPU times, not absolute seconds.
set -euo pipefail

BENCH_SAY=bench/cache
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ -f "$out/big.tar" && -d "$out/big-oci" ]] || { say "no images in $out: run bench/run.sh first"; exit 1; }
command -v hyperfine >/dev/null || { say "needs hyperfine (CPU times and --prepare)"; exit 1; }
mkdir -p "$results"
cd "$root"
(cd "$root" && $whittle --version >/dev/null)
rel="${out#"$root"/}"
cache="$rel/layer-cache"

warm_page_cache

# ---- the hash floor: SHA-256 CPU of the bytes a verified read must digest, on this machine, now -----------------
# docker-archive (uncompressed): each layer tar once (the archive minus a few KB of JSON); OCI gzip: each blob once as
# stored and once inflated.
say "measuring the hash floor ..."
load_floor="$(load1)"
read -r floor_da_bytes floor_da_cpu < <(java "$here/HashFloor.java" raw "$out/big.tar")
# shellcheck disable=SC2046
read -r floor_oci_bytes floor_oci_cpu < <(java "$here/HashFloor.java" gzip $(layer_blobs "$out/big-oci"))

# ---- cases: name|prepare|command ---------------------------------------------------------------------------------
# The archive compressed as a whole (docker save | gzip): remembered by its own stat key, a warm run does not
# decompress it.
if [[ ! -f "$out/big.tar.gz" || "$out/big.tar" -nt "$out/big.tar.gz" ]]; then
  say "compressing big.tar as a whole ..."
  pigz -c -6 "$out/big.tar" > "$out/big.tar.gz.tmp" && mv "$out/big.tar.gz.tmp" "$out/big.tar.gz"
fi
da="docker-archive:$rel/big.tar"
da2="docker-archive:$rel/big-2x.tar"
gz="docker-archive:$rel/big.tar.gz"
oci="oci:$rel/big-oci"
html="$rel/results/cache-report.html"
fill=(
  "inspect-fill|rm -rf $cache|$whittle inspect --json --cache-dir $cache $da"
)
floor=(
  "inspect-nv|:|$whittle inspect --json --no-verify --no-cache $da"
  "oci-nv|:|$whittle inspect --json --no-verify --no-cache $oci"
)
# each a cold verified run (no cache) and a warm one (the cache this command filled), timed one after the other
pairs=(inspect oci gz explain compare report report-noexplain)
declare -A args=(
  [inspect]="inspect --json CACHE $da"
  [oci]="inspect --json CACHE $oci"
  [gz]="inspect --json CACHE $gz"
  [explain]="explain --json CACHE $da"
  [compare]="compare --json CACHE $da $da2"
  [report]="report CACHE -o $html $da"
  [report-noexplain]="report --no-explain CACHE -o $html $da"
)
case_of() { # pair cold|warm -> name|prepare|command (report: each side writes its own page, compared below)
  local a="${args[$1]}"
  a="${a/cache-report.html/cache-report-$1-$2.html}"
  if [[ "$2" == cold ]]; then echo "$1-cold|:|$whittle ${a/CACHE/--no-cache}"
  else echo "$1-warm|:|$whittle ${a/CACHE/--cache-dir $cache}"; fi
}

declare -A cmd median cpu load rss
time_case() { # name|prepare|command: hyperfine median wall, mean user+sys CPU, load average before
  local name="${1%%|*}" rest="${1#*|}" prepare command
  prepare="${rest%%|*}"; command="${rest#*|}"
  cmd[$name]="$command"
  load[$name]="$(load1)"
  say "timing $name: $command"
  read -r median[$name] _ cpu[$name] < <(time_command "$name" "$prepare" "$command")
}
check() { # runs a case once (a warm case's first run fills the cache), keeping its output and peak RSS
  local name="${1%%|*}" rest="${1#*|}"
  if ! /usr/bin/time -f %M -o "$results/$name.rss" bash -c "${rest#*|}" > "$results/$name.out" 2> "$results/$name.err"; then
    say "FAILED: ${rest#*|}"; cat "$results/$name.err" >&2; exit 1
  fi
  rss[$name]="$(awk 'END { printf "%.0f", $1 / 1024 }' "$results/$name.rss")"
}

load_start="$(load3)"
for c in "${fill[@]}" "${floor[@]}"; do time_case "$c"; done
for p in "${pairs[@]}"; do
  check "$(case_of "$p" cold)"
  check "$(case_of "$p" warm)" # fills the cache
  check "$(case_of "$p" warm)" # the output and peak RSS of a warm run
  time_case "$(case_of "$p" cold)"
  time_case "$(case_of "$p" warm)"
done
load_end="$(load3)"

# warm output equals cold output, to the byte (report: the pages the two runs wrote)
same() {
  local cold="$results/$1-cold.out" warm="$results/$1-warm.out"
  if [[ "$1" == report* ]]; then cold="$results/cache-report-$1-cold.html"; warm="$results/cache-report-$1-warm.html"; fi
  cmp -s "$cold" "$warm" && echo "same bytes" || echo "DIFFERENT"
}

# ---- the cache's own size ------------------------------------------------------------------------------------------
$whittle cache --json --cache-dir "$cache" > "$results/cache.json"
field() { sed -n "s/^  \"$1\" : \\([0-9.]*\\).*/\\1/p" "$results/cache.json" | head -1; }
index_line="$(tr -d '\n ' < "$results/cache.json" | grep -o '"kind":"layer-index","entries":[0-9]*,"bytes":[0-9]*')"
index_entries="$(echo "$index_line" | sed 's/.*"entries":\([0-9]*\).*/\1/')"
index_bytes="$(echo "$index_line" | sed 's/.*"bytes":\([0-9]*\)/\1/')"
files_indexed="$(field indexedFiles)"
results_line="$(tr -d '\n ' < "$results/cache.json" | grep -o '"kind":"image-results","entries":[0-9]*,"bytes":[0-9]*')"
results_entries="$(echo "$results_line" | sed 's/.*"entries":\([0-9]*\).*/\1/')"
results_bytes="$(echo "$results_line" | sed 's/.*"bytes":\([0-9]*\)/\1/')"
per_file="$(field bytesPerFile)"

# ---- report ----------------------------------------------------------------------------------------------------------
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
  for c in "${pairs[@]}"; do
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
  echo "$per_file bytes per file entry); $results_entries image results (one per command, options and image: what a warm"
  echo "\`inspect\`, \`explain\` or \`report\` prints from without loading a layer), $results_bytes bytes. Warm output equals"
  echo "cold: inspect $(same inspect), OCI $(same oci), gzip archive $(same gz), explain $(same explain), compare $(same compare),"
  echo "report $(same report), report --no-explain $(same report-noexplain)."
  echo
  echo "| figure | median wall | CPU (user+sys) | peak RSS | load (1 min) | command |"
  echo "|---|---|---|---|---|---|"
  names=("${fill[@]%%|*}" "${floor[@]%%|*}")
  for p in "${pairs[@]}"; do names+=("$p-cold" "$p-warm"); done
  for name in "${names[@]}"; do
    printf '| %s | %.3f s | %s s | %s | %s | `%s` |\n' "$name" "${median[$name]}" "${cpu[$name]}" \
      "${rss[$name]:+${rss[$name]} MB}" "${load[$name]}" "${cmd[$name]}"
  done
  echo
  echo "Peak RSS: \`/usr/bin/time -f %M\` of a run before timing (for a warm case, the second run on the filled cache)."
} > "$results/cache-report.md"
cat "$results/cache-report.md"

splice_docs cache "Layer cache: latest results (written by bench/cache.sh)" "$results/cache-report.md"
