#!/usr/bin/env bash
# Times `whittle slim --squash-all` beside a cold verified `inspect` of the same image (issue 17's bench target) and
# rewrites the marked block of docs/benchmarks.md's Slim section. Runs alternate (inspect, slim, inspect, slim ...) so
# both see the same load; the figures are CPU seconds (user + sys) and peak RSS from /usr/bin/time, which the load of
# a shared machine inflates far less than wall time. Also checks that every run of slim wrote the same digests.
#
# Environment: as bench/lib.sh (BENCH_OUT with big.tar and big-oci, BENCH_RUNS default 3 here, BENCH_DOCS, WHITTLE).
# Slim's outputs go into $BENCH_OUT (slim-out.tar, slim-out-oci.tar) and are replaced by each run.
set -euo pipefail
BENCH_SAY=slim
: "${BENCH_RUNS:=3}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"
[[ -f "$out/big.tar" && -d "$out/big-oci" ]] || { say "no images in $out (run bench/run.sh first)"; exit 2; }
mkdir -p "$results"

cases=(
  "inspect-da|$whittle inspect --json --no-cache docker-archive:$out/big.tar"
  "slim-da|$whittle slim -q --json --no-cache --squash-all docker-archive:$out/big.tar -o docker-archive:$out/slim-out.tar"
  "inspect-oci|$whittle inspect --json --no-cache oci:$out/big-oci"
  "slim-oci|$whittle slim -q --json --no-cache --squash-all oci:$out/big-oci -o oci-archive:$out/slim-out-oci.tar"
)
warm_page_cache
start_load="$(load3)"
commit="$(git rev-parse --short HEAD)" # at the start: the jar timed is the one built from it
for ((i = 1; i <= runs; i++)); do
  for c in "${cases[@]}"; do
    name="${c%%|*}" command="${c#*|}"
    say "run $i: $name (load $(load1))"
    /usr/bin/time -f '%e %U %S %M' -o "$results/$name.$i.time" $command > "$results/$name.$i.out" 2> "$results/$name.$i.err" \
      || { say "FAILED: $command"; cat "$results/$name.$i.err" >&2; exit 1; }
    echo "$(load1)" > "$results/$name.$i.load"
  done
done
end_load="$(load3)"

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
cpu_of() { awk '{ printf "%.2f\n", $2 + $3 }' "$results/$1.$2.time"; }
col() { for ((i = 1; i <= runs; i++)); do awk -v c="$2" '{ print $c }' "$results/$1.$i.time"; done | median; }
cpu() { for ((i = 1; i <= runs; i++)); do cpu_of "$1" "$i"; done | median; }
cpus() { for ((i = 1; i <= runs; i++)); do cpu_of "$1" "$i"; done | paste -sd, | sed 's/,/, /g'; }
ratios() { # per run: CPU of $1 / CPU of $2 (each pair timed one after the other)
  for ((i = 1; i <= runs; i++)); do ratio "$(cpu_of "$1" "$i")" "$(cpu_of "$2" "$i")"; echo; done
}
digests() { # the output's manifest digest of every run, one line each
  for ((i = 1; i <= runs; i++)); do grep -o '"manifestDigest" *: *"[^"]*"' "$results/$1.$i.out" | tail -1; done | sort -u
}

da_ratio="$(ratios slim-da inspect-da | median)"
oci_ratio="$(ratios slim-oci inspect-oci | median)"
rss_da="$(awk -v k="$(col slim-da 4)" 'BEGIN { printf "%.0f", k / 1024 }')"
rss_oci="$(awk -v k="$(col slim-oci 4)" 'BEGIN { printf "%.0f", k / 1024 }')"
rss_inspect="$(awk -v k="$(col inspect-da 4)" 'BEGIN { printf "%.0f", k / 1024 }')"
par_oci="$(for ((i = 1; i <= runs; i++)); do awk '{ printf "%.2f\n", ($2 + $3) / $1 }' "$results/slim-oci.$i.time"; done | median)"
same_da="$([[ "$(digests slim-da | wc -l)" == 1 ]] && echo "same" || echo "DIFFERENT")"
same_oci="$([[ "$(digests slim-oci | wc -l)" == 1 ]] && echo "same" || echo "DIFFERENT")"

report="$results/slim.md"
{
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) at commit \`$commit\` by \`bench/slim.sh\` on \`$out\`"
  echo "($(grep -o '"visibleFiles" *: *[0-9]*' "$results/inspect-da.1.out" | head -1 | grep -o '[0-9]*$' || echo '?') visible files in the final filesystem), $cores cores, $runs runs of each, alternating. Load average (1, 5, 15 min) at the start: $start_load; at the end: $end_load."
  echo "CPU = user + sys of \`/usr/bin/time\`; ratios are per pair of runs timed one after the other, median shown."
  echo
  echo "| target | measured | target | result |"
  echo "|---|---|---|---|"
  echo "| slim --squash-all to docker-archive / cold verified inspect, CPU | $da_ratio | <= 2 | $(verdict "$da_ratio" "<=" 2) |"
  echo "| peak RSS, slim to docker-archive, MB | $rss_da | <= 400 | $(verdict "$rss_da" "<=" 400) |"
  echo "| peak RSS, slim to oci-archive (gzip), MB | $rss_oci | <= 400 | $(verdict "$rss_oci" "<=" 400) |"
  echo "| slim to oci-archive (gzip): CPU / wall (cores busy; $cores cores) | $par_oci | - | - |"
  echo
  echo "slim to oci-archive / inspect of the OCI layout, CPU: $oci_ratio. Output digests of every run: docker-archive $same_da"
  echo "($(digests slim-da | sed 's/.*"\(sha256:[0-9a-f]\{12\}\).*/\1/' | paste -sd' ')), oci-archive $same_oci ($(digests slim-oci | sed 's/.*"\(sha256:[0-9a-f]\{12\}\).*/\1/' | paste -sd' ')). Inspect's peak RSS: $rss_inspect MB."
  echo
  echo "| figure | CPU per run (s) | median wall | peak RSS | command |"
  echo "|---|---|---|---|---|"
  for c in "${cases[@]}"; do
    name="${c%%|*}" command="${c#*|}"
    echo "| $name | $(cpus "$name") | $(col "$name" 1) s | $(awk -v k="$(col "$name" 4)" 'BEGIN { printf "%.0f MB", k / 1024 }') | \`${command//$out/\$BENCH_OUT}\` |"
  done
} > "$report"
cat "$report"
splice_docs slim "Slim: latest results (written by bench/slim.sh)" "$report"
