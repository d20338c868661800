#!/usr/bin/env bash
# The explorer's figures (issue 13; docs/benchmarks.md, "Explore"): open time (JVM start to the first screen), the
# redraw after a key press with the whole final filesystem expanded, CPU time and peak RSS, on bench/out/big.tar
# (~211,000 files, 32 layers), beside `inspect --no-verify` on the same image in the same run.
#
#   bench/explore.sh        needs the images bench/run.sh generates (run it first); updates docs/benchmarks.md
#
# After the alternating runs, the explore case runs once more with the heap capped at -Xmx320m (below the issue's
# 400 MB): it completes only if the explorer's live data fits, whatever the collector's appetite.
#
# Environment: as bench/run.sh (BENCH_OUT, BENCH_RUNS (default 3 here), BENCH_DOCS, WHITTLE), and WHITTLE_JAR, the
# jar the harness runs (default target/whittle.jar, which ./whittle builds). The explorer is driven
# by bench/ExploreBench.java on a JLine terminal over pipes (no one types; see that file). Every figure is printed
# with the load average taken before it: on a shared machine wall times are inflated by other work, so read the CPU
# times (user+sys, and the session thread's CPU per key) and the ratios measured side by side.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="${BENCH_OUT:-$here/out}"
runs="${BENCH_RUNS:-3}"
docs="${BENCH_DOCS:-$root/docs/benchmarks.md}"
whittle="${WHITTLE:-./whittle}"
jar="${WHITTLE_JAR:-target/whittle.jar}" # the jar the harness runs (default: the one ./whittle builds)
results="$out/results"
say() { echo "bench/explore: $*" >&2; }

[[ -f "$out/big.tar" ]] || { say "no $out/big.tar: run bench/run.sh first"; exit 1; }
[[ -x /usr/bin/time ]] || { say "needs GNU time (/usr/bin/time) for CPU and peak RSS"; exit 1; }
mkdir -p "$results"
cd "$root"
$whittle --version > /dev/null # builds the jar if needed
rel="${out#"$root"/}"
image="docker-archive:$rel/big.tar"
classes="$out/explore-bench-classes"
rm -rf "$classes" && mkdir -p "$classes"
javac -nowarn -cp "$jar" -d "$classes" "$here/ExploreBench.java" 2> /dev/null
say "warming the page cache ..."
cat "$out/big.tar" > /dev/null

# The JVM flags ./whittle gives an image command with --no-verify (the class-data archive too: its class path is a
# prefix of the harness's), so the explorer starts as `./whittle explore --no-verify` would.
jvm="-Xshare:auto -XX:+UseParallelGC -XX:TieredStopAtLevel=1"
[[ "${jar%.jar}.jsa" -nt "$jar" ]] && jvm="$jvm -XX:SharedArchiveFile=${jar%.jar}.jsa"

# name|command: the explorer as the command runs by default (explain's findings included), without explain, and
# the reference, inspect --no-verify, all cold (no layer cache).
cases=(
  "explore|java $jvm -cp $jar:$classes ExploreBench $image --no-verify"
  "explore-no-explain|java $jvm -cp $jar:$classes ExploreBench $image --no-verify --no-explain"
  "inspect|$whittle inspect --json --no-verify --no-cache $image"
)
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
declare -A loads
for ((i = 1; i <= runs; i++)); do # alternating, so load changes hit every case alike
  for c in "${cases[@]}"; do
    name="${c%%|*}"; command="${c#*|}"
    loads[$name]+="$(cut -d' ' -f1 /proc/loadavg) "
    say "run $i: $name"
    /usr/bin/time -f '%e %U %S %M' -o "$results/$name.$i.time" $command > "$results/$name.$i.out"
  done
done

# Memory as live data, not a lazy collector: the default case once more with the heap capped below the target.
xmx=320m
say "bounded run: explore with -Xmx$xmx"
if /usr/bin/time -f '%e %U %S %M' -o "$results/explore-xmx.time" java $jvm -Xmx$xmx -cp $jar:$classes ExploreBench \
    $image --no-verify > "$results/explore-xmx.out" 2> "$results/explore-xmx.err"; then
  bounded="completes, peak RSS $(awk '{ printf "%.0f MB", $4 / 1024 }' "$results/explore-xmx.time")"
else
  bounded="fails ($(grep -o -m1 'OutOfMemoryError.*' "$results/explore-xmx.err" || echo "see $results/explore-xmx.err"))"
fi

field() { # field NAME KEY: the median over the runs of KEY in ExploreBench's output
  for ((i = 1; i <= runs; i++)); do awk -v k="$2" '$1 == k { print $2 }' "$results/$1.$i.out"; done | median
}
timefield() { # timefield NAME COLUMN: the median of /usr/bin/time's column (1 wall s, 2 user, 3 sys, 4 RSS KB)
  for ((i = 1; i <= runs; i++)); do
    awk -v c="$2" '{ if (c == 23) print $2 + $3; else print $c }' "$results/$1.$i.time"
  done | median
}
ms() { awk -v v="$1" 'BEGIN { printf "%.0f ms", v }'; }
mb() { awk -v v="$1" 'BEGIN { printf "%.0f MB", v / 1024 }'; }
sec() { awk -v v="$1" 'BEGIN { printf "%.2f s", v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

e_cpu="$(timefield explore 23)"; n_cpu="$(timefield explore-no-explain 23)"; i_cpu="$(timefield inspect 23)"
e_wall="$(timefield explore 1)"; i_wall="$(timefield inspect 1)"
report="$results/explore.md"
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M') UTC, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown), median of $runs alternating runs, on $(nproc) cores;"
  echo "load average (1 min) before each run: explore ${loads[explore]}; without explain ${loads[explore-no-explain]}; inspect ${loads[inspect]}."
  echo "Files in the final filesystem: $(field explore tree_entries | awk '{ printf "%d", $1 }'), layers: $(field explore layers | awk '{ printf "%d", $1 }')."
  echo
  echo "| figure | value | target | command |"
  echo "|---|---|---|---|"
  e_open="$(field explore open_cpu_s)"; n_open="$(field explore-no-explain open_cpu_s)"
  echo "| open, CPU (user+sys, all threads) from JVM start to the first screen, explore / inspect --no-verify's whole run | $(sec "$e_open") / $(sec "$i_cpu") = $(ratio "$e_open" "$i_cpu") (without explain: $(sec "$n_open"), $(ratio "$n_open" "$i_cpu")) | about 1 | \`bench/explore.sh\` (cases explore, explore-no-explain, inspect) |"
  echo "| CPU of the whole explore run (open, then every key below) | $(sec "$e_cpu") (without explain: $(sec "$n_cpu")) | | same |"
  echo "| open, wall: JVM start to the first screen | $(ms "$(field explore open_ms)") (inspect's whole run: $(sec "$i_wall"), $(ratio "$(field explore open_ms)" "$(awk -v w="$i_wall" 'BEGIN { print w * 1000 }')")x); without explain $(ms "$(field explore-no-explain open_ms)") | about inspect's | \`java -cp \$JAR:CLASSES ExploreBench $image --no-verify\` |"
  echo "| explain's findings on the screen (the detectors run in the background from the first screen on), wall since JVM start / CPU by then | $(ms "$(field explore explained_ms)") / $(sec "$(field explore explained_cpu_s)") | | same |"
  echo "| key press (j) in the expanded final filesystem: session-thread CPU, median / p90 / max | $(ms "$(field explore move_down_cpu_median_ms)") / $(ms "$(field explore move_down_cpu_p90_ms)") / $(ms "$(field explore move_down_cpu_max_ms)") | < 50 ms | same |"
  echo "| key press (j), wall from key to frame, median / p90 | $(ms "$(field explore move_down_median_ms)") / $(ms "$(field explore move_down_p90_ms)") | < 50 ms | same |"
  echo "| PgDn, session-thread CPU, median / max | $(ms "$(field explore page_down_cpu_median_ms)") / $(ms "$(field explore page_down_cpu_max_ms)") | < 50 ms | same |"
  echo "| Ctrl+Space (fold / unfold all), session-thread CPU, median / max | $(ms "$(field explore fold_all_toggle_cpu_median_ms)") / $(ms "$(field explore fold_all_toggle_cpu_max_ms)") | | same |"
  echo "| filter typed in the expanded final filesystem (each character, then Esc), session-thread CPU, median / max | $(ms "$(field explore filter_key_cpu_median_ms)") / $(ms "$(field explore filter_key_cpu_max_ms)") | < 50 ms | same |"
  echo "| another layer (builds its tree), session-thread CPU, median / max | $(ms "$(field explore previous_layer_cpu_median_ms)") / $(ms "$(field explore previous_layer_cpu_max_ms)") | | same |"
  echo "| the aggregated view of the last layer (its tree built), wall | $(ms "$(field explore aggregated_view_ms)") | | same |"
  echo "| the explore case (with explain, every key above) with the heap capped at -Xmx$xmx | $bounded | completes | \`java -Xmx$xmx -cp \$JAR:CLASSES ExploreBench $image --no-verify\` |"
  echo "| peak RSS, explore / inspect --no-verify | $(mb "$(timefield explore 4)") / $(mb "$(timefield inspect 4)") (without explain: $(mb "$(timefield explore-no-explain 4)")) | <= 400 MB | \`/usr/bin/time -f %M\` around each |"
} > "$report"
cat "$report"
if [[ "$docs" != /dev/null && -f "$docs" ]] && grep -q '<!-- explore:begin -->' "$docs"; then
  awk -v f="$report" '/<!-- explore:begin -->/ { print; while ((getline l < f) > 0) print l; skip = 1; next }
    /<!-- explore:end -->/ { skip = 0 } !skip' "$docs" > "$docs.tmp" && mv "$docs.tmp" "$docs"
  say "updated $docs"
fi
