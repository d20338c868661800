#!/usr/bin/env bash
# The fleet's scale figures (issue 19; docs/benchmarks.md, "Fleet"): a synthetic registry of IMAGES images (default
# 1000) on a real docker-registry on loopback, three bases and many small app layers (bench/fleet-push.py), scanned
# into SQLite and into a throwaway PostgreSQL cluster. For each database it records:
#   - the first scan: every unique layer read once (CPU user+sys, wall, peak RSS),
#   - a second scan under a new --scan-id: every layer and manifest already known, so its cost per image is the
#     cost of an image whose layers were seen before,
#   - rows per table and bytes on disk per image,
#   - fleet report --json over the result.
# Time per unique layer = (first scan CPU - second scan CPU) / unique layers; both are CPU seconds (user+sys), not
# wall time: the machine is shared, and CPU time is what a pod's request is sized in.
#
# Environment: IMAGES (1000), REPOS (100), BENCH_OUT (bench/out), WHITTLE_JAR (target/whittle.jar), PG=0 skips
# PostgreSQL. Needs docker-registry, python3, /usr/bin/time, sqlite3; PostgreSQL from /usr/lib/postgresql/*/bin.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
images="${IMAGES:-1000}"
repos="${REPOS:-100}"
out="${BENCH_OUT:-$here/out}/fleet"
jar="${WHITTLE_JAR:-$root/target/whittle.jar}"
say() { echo "bench/fleet: $*" >&2; }

command -v docker-registry >/dev/null || { say "needs docker-registry (apt-get install docker-registry)"; exit 1; }
[[ -f "$jar" ]] || (cd "$root" && mvn -B -q package -Dmaven.test.skip=true -Dwhittle.cds.skip=true)
rm -rf "$out"
mkdir -p "$out/registry"
results="$out/results.md"

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
cat > "$out/registry.yml" <<YML
version: 0.1
log: {level: error}
storage: {filesystem: {rootdirectory: $out/registry}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$port}
YML
docker-registry serve "$out/registry.yml" > "$out/registry.log" 2>&1 &
registry_pid=$!
pg_dir=""
cleanup() {
  kill "$registry_pid" 2>/dev/null || true
  if [[ -n "$pg_dir" ]]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.2; done

say "pushing $images images in $repos repositories to 127.0.0.1:$port ..."
push_start=$(date +%s)
python3 "$here/fleet-push.py" "127.0.0.1:$port" "$images" "$repos" > "$out/pushed.json"
say "pushed in $(( $(date +%s) - push_start )) s: $(cat "$out/pushed.json")"

# one timed run: prints "wall user sys maxrss_kb"
timed() {
  local label="$1"; shift
  /usr/bin/time -f "%e %U %S %M" -o "$out/$label.time" java -jar "$jar" "$@" > "$out/$label.out" 2> "$out/$label.err" \
    || { say "$label failed:"; tail -5 "$out/$label.err" >&2; exit 1; }
  cat "$out/$label.time"
}

measure() { # db-label db-url
  local label="$1" db="$2" first second unique
  say "$label: first scan ..."
  first="$(timed "$label-scan1" fleet scan "127.0.0.1:$port" --plain-http --no-cache --db "$db" --scan-id bench-1 -q --json)"
  say "$label: second scan (every layer known) ..."
  second="$(timed "$label-scan2" fleet scan "127.0.0.1:$port" --plain-http --no-cache --db "$db" --scan-id bench-2 -q --json)"
  say "$label: report ..."
  report="$(timed "$label-report" fleet report --db "$db" --json)"
  unique="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["totals"]["uniqueLayers"])' "$out/$label-report.out")"
  python3 - "$label" "$images" "$unique" "$first" "$second" "$report" >> "$results" <<'PY'
import sys
label, images, unique = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
f = [float(x) for x in sys.argv[4].split()]
s = [float(x) for x in sys.argv[5].split()]
r = [float(x) for x in sys.argv[6].split()]
cpu1, cpu2, cpur = f[1] + f[2], s[1] + s[2], r[1] + r[2]
print(f"| {label} | {images} | {unique} | {cpu1:.1f} s ({f[0]:.0f} s wall) | {cpu2:.1f} s ({s[0]:.0f} s wall) |"
      f" {(cpu1 - cpu2) / unique * 1000:.1f} ms | {cpu2 / images * 1000:.1f} ms | {max(f[3], s[3]) / 1024:.0f} MiB |"
      f" {cpur:.1f} s |")
PY
}

{
  echo "Run of $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start."
  echo
  echo "| database | images | unique layers | first scan CPU | second scan CPU | CPU per unique layer | CPU per image (layers seen) | peak RSS | report CPU |"
  echo "|---|---|---|---|---|---|---|---|---|"
} > "$results"

measure sqlite "$out/fleet.db"
sqlite_rows="$(for t in layers manifests manifest_layers findings tags scans scan_shards; do
  printf '%s=%s ' "$t" "$(sqlite3 "$out/fleet.db" "SELECT count(*) FROM $t")"; done)"
sqlite3 "$out/fleet.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
sqlite_bytes="$(stat -c %s "$out/fleet.db")"

if [[ "${PG:-1}" != 0 ]]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  pg_dir="$(mktemp -d /tmp/whittle-bench-pg-XXXX)"
  chown postgres:postgres "$pg_dir"
  pg_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" --auth=trust -U postgres --no-sync >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" \
    -l "$pg_dir/log" -w start >/dev/null
  runuser -u postgres -- "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres fleet
  measure postgresql "postgresql://postgres@127.0.0.1:$pg_port/fleet"
  psql_q() { runuser -u postgres -- "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d fleet -Atc "$1"; }
  pg_rows="$(for t in layers manifests manifest_layers findings tags scans scan_shards; do
    printf '%s=%s ' "$t" "$(psql_q "SELECT count(*) FROM $t")"; done)"
  pg_bytes="$(psql_q "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'")"
fi

{
  echo
  echo "Rows after two scans (SQLite): $sqlite_rows"
  echo "SQLite file: $sqlite_bytes bytes, $(( sqlite_bytes / images )) bytes per image."
  if [[ -n "${pg_bytes:-}" ]]; then
    echo "Rows after two scans (PostgreSQL): $pg_rows"
    echo "PostgreSQL tables with indexes and TOAST: $pg_bytes bytes, $(( pg_bytes / images )) bytes per image."
  fi
  echo "Registry blobs: $(du -sb "$out/registry" | cut -f1) bytes."
} >> "$results"
cat "$results"
