# The scaffolding bench/run.sh and bench/cache.sh share; sourced, not run. Before sourcing, a script may set
# BENCH_SAY (the prefix of its messages). Defines the settings both read from the environment, timing with hyperfine,
# the ratio and verdict helpers, and the splice of a report into a marked section of docs/benchmarks.md.
#
# Environment: BENCH_OUT (image dir, default bench/out), BENCH_RUNS (timed runs per command, default 5), BENCH_DOCS
# (file to update, default docs/benchmarks.md; /dev/null to skip), WHITTLE (the command, default ./whittle).

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
out="${BENCH_OUT:-$here/out}"
runs="${BENCH_RUNS:-5}"
docs="${BENCH_DOCS:-$root/docs/benchmarks.md}"
whittle="${WHITTLE:-./whittle}" # run from the project root; WHITTLE overrides it (e.g. to try the script)
results="$out/results"
cores="$(nproc)"

say() { echo "${BENCH_SAY:-bench}: $*" >&2; }

load1() { cut -d' ' -f1 /proc/loadavg; }   # the 1-minute load average, printed beside each figure
load3() { cut -d' ' -f1-3 /proc/loadavg; } # 1, 5 and 15 minutes

layer_blobs() { # the layer blob paths of an OCI layout with one image
  local dir="$1" manifest
  manifest="$(grep -o '"digest":"sha256:[0-9a-f]*"' "$dir/index.json" | head -1 | sed 's/.*sha256:\([0-9a-f]*\)"/\1/')"
  grep -o '"layers":\[.*' "$dir/blobs/sha256/$manifest" | grep -o 'sha256:[0-9a-f]*' | sed "s#sha256:#$dir/blobs/sha256/#"
}

warm_page_cache() { # reads the images once, so every timed run finds them in memory
  say "warming the page cache ..."
  cat "$out/big.tar" "$out/big-2x.tar" > /dev/null
  find "$out/big-oci" "$@" -type f -exec cat {} + > /dev/null
}

hyperfine_field() { # the first value of a field in a hyperfine JSON export
  sed -n "s/.*\"$2\": *\([0-9.eE+-]*\).*/\1/p" "$1" | head -1
}

# Times "$command" $runs times (after running "$prepare" before each, ":" for nothing) and prints
# "median fastest cpu": median and fastest wall seconds, mean user + sys CPU seconds. The export stays in
# $results/$name.hyperfine.json.
time_command() { # name prepare command [warmup]
  local name="$1" prepare="$2" command="$3" warmup="${4:-0}" f="$results/$1.hyperfine.json"
  hyperfine --style none --warmup "$warmup" --runs "$runs" --prepare "$prepare" --export-json "$f" \
    "$command" > /dev/null 2>&1 || { say "FAILED to time: $command"; return 1; }
  echo "$(hyperfine_field "$f" median) $(hyperfine_field "$f" min)" \
    "$(awk -v u="$(hyperfine_field "$f" user)" -v s="$(hyperfine_field "$f" system)" 'BEGIN { printf "%.3f", u + s }')"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == "<=") ? v <= t : v < t; print ok ? "pass" : "FAIL" }'; }
secs() { awk -v v="$1" 'BEGIN { printf "%.3f s", v }'; }

# Replaces the lines between the markers <!-- bench:$1:begin --> and <!-- bench:$1:end --> of $docs with the file $3,
# adding a section titled $2 with the markers at the end of $docs when it has none.
splice_docs() { # marker title report
  [[ "$docs" == /dev/null ]] && return 0
  local begin="<!-- bench:$1:begin -->" end="<!-- bench:$1:end -->"
  mkdir -p "$(dirname "$docs")"
  if [[ ! -f "$docs" ]] || ! grep -q "$begin" "$docs"; then
    printf '\n## %s\n\n%s\n%s\n' "$2" "$begin" "$end" >> "$docs"
  fi
  awk -v begin="$begin" -v end="$end" -v report="$3" '
    $0 == begin { print; while ((getline line < report) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' "$docs" > "$docs.tmp" && mv "$docs.tmp" "$docs"
  say "updated $docs"
}
