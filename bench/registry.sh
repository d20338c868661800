#!/usr/bin/env bash
# Registry benchmark: analyse a 20-layer image from a local docker-registry cold (empty cache) and warm (cache
# filled), and `whittle size` on a multi-arch index; `skopeo copy` of the same image to an oci: dir in the same run is
# the yardstick. Targets: cold <= 1.2x skopeo, warm <= 0.3x skopeo.
#
# Usage: bench/registry.sh [RUNS]   (default 3 runs, the median is reported)
# Needs: docker-registry, skopeo, python3 (./whittle builds the jar when needed).
# LAYERS (default 20) and LAYER_MB (default 8: MB of files per layer, half text, half random) size the image;
# LAYER_SIZES="20 300" gives each layer its own size instead (MB of files, base first).
# RATE=800mbit caps the bandwidth of what the bench's registry sends (its port on loopback, `tc` htb, root only) for
# the whole run, so the registry behaves like one across a network; other loopback traffic on the machine is left
# alone, and the cap is removed on exit.
# COMPARE=DIR also times a cold run of another checkout's launcher (DIR/whittle, e.g. a `git worktree` of an older
# commit, built), alternating with this one's in every run, and prints both: a regression shows side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
LAYERS=${LAYERS:-20}
LAYER_MB=${LAYER_MB:-8}
LAYER_SIZES=${LAYER_SIZES:-$(printf "$LAYER_MB %.0s" $(seq "$LAYERS"))}
LAYERS=$(wc -w <<<"$LAYER_SIZES")
RATE=${RATE:-}
COMPARE=${COMPARE:-}
if [[ -n $COMPARE && ! -x $COMPARE/whittle ]]; then
  echo "bench: COMPARE=$COMPARE has no whittle launcher" >&2; exit 2
fi
for t in docker-registry skopeo python3 java; do
  command -v "$t" >/dev/null || { echo "bench: $t is not installed" >&2; exit 2; }
done
./whittle --version >/dev/null # builds the jar (and its class-data sharing archive) when missing or stale
[[ -n $COMPARE ]] && "$COMPARE/whittle" --version >/dev/null

WORK=$(mktemp -d /tmp/whittle-bench-registry.XXXXXX)
REG_PID=
cleanup() {
  [[ -n $REG_PID ]] && kill "$REG_PID" 2>/dev/null || true
  [[ -n $RATE ]] && tc qdisc del dev lo root 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
HOST=127.0.0.1:$PORT
if [[ -n $RATE ]]; then
  # only what the registry sends (source port $PORT) goes through the capped class; the rest of loopback is not slowed
  { tc qdisc add dev lo root handle 1: htb default 20 \
      && tc class add dev lo parent 1: classid 1:10 htb rate "$RATE" ceil "$RATE" burst 2mb quantum 60000 \
      && tc class add dev lo parent 1: classid 1:20 htb rate 100gbit ceil 100gbit quantum 60000 \
      && tc filter add dev lo parent 1: protocol ip prio 1 u32 match ip sport "$PORT" 0xffff flowid 1:10; } \
    || { echo "bench: cannot cap the registry's bandwidth (RATE needs root, tc and the htb qdisc)" >&2; exit 2; }
fi
cat >"$WORK/config.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $WORK/storage
http:
  addr: $HOST
YAML
docker-registry serve "$WORK/config.yml" >"$WORK/registry.log" 2>&1 &
REG_PID=$!
for _ in $(seq 100); do curl -fs "http://$HOST/v2/" >/dev/null 2>&1 && break; sleep 0.1; done

echo "bench: building a $LAYERS-layer image (MB of files per layer: $LAYER_SIZES) and a 2-platform index" >&2
python3 - "$WORK" $LAYER_SIZES <<'PY'
import gzip, io, os, random, sys, tarfile
work, sizes = sys.argv[1], [int(a) for a in sys.argv[2:]]
rnd = random.Random(42)
words = [bytes(rnd.choice(b"abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(3, 9))) for _ in range(5000)]
def layer(i, size):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        left, k = size, 0
        while left > 0:
            # half text (compresses ~3x), half random (does not): a realistic mix
            chunk = min(left, 512 * 1024)
            text = b" ".join(rnd.choice(words) for _ in range(chunk // 12))[: chunk // 2]
            data = text + os.urandom(chunk - len(text))
            info = tarfile.TarInfo(f"layer{i}/file{k}.bin"); info.size = len(data)
            tar.addfile(info, io.BytesIO(data)); left -= chunk; k += 1
    return gzip.compress(buf.getvalue(), compresslevel=6)
os.makedirs(f"{work}/layers", exist_ok=True)
for i, mb in enumerate(sizes):
    open(f"{work}/layers/{i}.tar.gz", "wb").write(layer(i, mb * 1024 * 1024))
for arch in ("amd", "arm"):
    os.makedirs(f"{work}/{arch}", exist_ok=True)
    for i in range(3):
        open(f"{work}/{arch}/{i}.tar.gz", "wb").write(layer(100 + i, 256 * 1024))
PY
tarball() { local d=$1; ls "$d"/*.tar.gz | sort -V | paste -sd: ; }
skopeo copy -q --dest-tls-verify=false "tarball:$(tarball "$WORK/layers")" "docker://$HOST/bench/big:1" --format oci
skopeo copy -q "tarball:$(tarball "$WORK/amd")" "oci:$WORK/index:amd"
skopeo copy -q "tarball:$(tarball "$WORK/arm")" "oci:$WORK/index:arm"
python3 - "$WORK/index" <<'PY'
import hashlib, json, sys
d = sys.argv[1]; idx = json.load(open(f"{d}/index.json")); kids = []
for m in idx["manifests"]:
    tag = m.pop("annotations")["org.opencontainers.image.ref.name"]
    m["platform"] = {"os": "linux", "architecture": "amd64"} if tag == "amd" else \
        {"os": "linux", "architecture": "arm64", "variant": "v8"}
    kids.append(m)
body = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                   "manifests": kids}).encode()
h = hashlib.sha256(body).hexdigest(); open(f"{d}/blobs/sha256/{h}", "wb").write(body)
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.index.v1+json",
           "digest": "sha256:" + h, "size": len(body),
           "annotations": {"org.opencontainers.image.ref.name": "multi"}}]}, open(f"{d}/index.json", "w"))
PY
skopeo copy -q --all --dest-tls-verify=false "oci:$WORK/index:multi" "docker://$HOST/bench/multi:1"

# Every whittle command runs through ./whittle, as a user runs it (class-data sharing archive, JVM flags).
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); python3 -c "print(f'{$e-$s:.3f}')"; }
# wall seconds as secs, and the command's CPU seconds (user + sys) appended to the file $CPU_LOG
timed() {
  local f; f=$(mktemp)
  /usr/bin/time -f "%e %U %S" -o "$f" "$@" >/dev/null
  awk '{ printf "%.3f\n", $1 }' "$f"; awk '{ printf "%.3f\n", $2 + $3 }' "$f" >> "$CPU_LOG"; rm -f "$f"
}
median() { python3 -c 'import statistics,sys; print(f"{statistics.median(map(float,sys.argv[1:])):.3f}")' "$@"; }

sk=(); cold=(); other=(); warm=(); size=(); floor=()
for r in $(seq "$RUNS"); do
  rm -rf "$WORK/oci-out" "$WORK/cache"
  CPU_LOG=$WORK/cpu-skopeo; sk+=("$(timed skopeo copy -q --src-tls-verify=false "docker://$HOST/bench/big:1" "oci:$WORK/oci-out:1")")
  export XDG_CACHE_HOME=$WORK/cache
  CPU_LOG=$WORK/cpu-cold; cold+=("$(timed ./whittle inspect "docker://$HOST/bench/big:1" --plain-http)")
  if [[ -n $COMPARE ]]; then
    # the other build, cold too, into its own cache: the same registry, link and load as the run above
    other+=("$(XDG_CACHE_HOME=$WORK/cache-compare CPU_LOG=$WORK/cpu-compare \
      timed "$COMPARE/whittle" inspect "docker://$HOST/bench/big:1" --plain-http)")
    rm -rf "$WORK/cache-compare"
  fi
  CPU_LOG=$WORK/cpu-warm; warm+=("$(timed ./whittle inspect "docker://$HOST/bench/big:1" --plain-http)")
  size+=("$(secs ./whittle size "$HOST/bench/multi:1" --plain-http --instances 50 --bandwidth 1Gbit/s)")
  # The floor: the same analysis of the same image from the local oci: copy skopeo just wrote (no registry at all).
  floor+=("$(secs ./whittle inspect "oci:$WORK/oci-out:1")")
  unset XDG_CACHE_HOME
done
IMAGE_MB=$(du -sm "$WORK/storage" | cut -f1)
S=$(median "${sk[@]}"); C=$(median "${cold[@]}"); W=$(median "${warm[@]}"); Z=$(median "${size[@]}")
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
echo "registry bench: $LAYERS layers, MB of files per layer: $LAYER_SIZES (~${IMAGE_MB} MB in the registry)," \
  "median of $RUNS runs, loopback ${RATE:-uncapped}"
echo "analysis command: whittle inspect (through ./whittle)"
SC=$(median $(cat "$WORK/cpu-skopeo")); CC=$(median $(cat "$WORK/cpu-cold")); WC=$(median $(cat "$WORK/cpu-warm"))
echo "CPU (user + sys, median): skopeo copy $SC s; whittle cold $CC s ($(python3 -c "print(f'{$CC/$SC:.2f}')")x);" \
  "warm $WC s ($(python3 -c "print(f'{$WC/$CC:.2f}')")x cold)"
printf '  %-38s %8s s\n' "skopeo copy docker:// -> oci:" "$S"
printf '  %-38s %8s s  (%.2fx skopeo, target <= 1.2x)\n' "whittle analyse, cold cache" "$C" "$(python3 -c "print($C/$S)")"
if [[ -n $COMPARE ]]; then
  O=$(median "${other[@]}"); OC=$(median $(cat "$WORK/cpu-compare"))
  printf '  %-38s %8s s  (%.2fx skopeo; CPU %s s)\n' "cold, COMPARE=$(basename "$COMPARE")" "$O" \
    "$(python3 -c "print($O/$S)")" "$OC"
fi
printf '  %-38s %8s s  (%.2fx skopeo, target <= 0.3x)\n' "whittle analyse, warm cache" "$W" "$(python3 -c "print($W/$S)")"
printf '  %-38s %8s s\n' "whittle size (2-platform index)" "$Z"
printf '  %-38s %8s s\n' "same analysis of the local oci: copy" "$(median "${floor[@]}")"
printf '  %-38s %8s s\n' "whittle --version" "$(secs ./whittle --version)"
printf '  %-38s %8s s\n' "JVM alone (java -version)" "$(secs java -Xshare:auto -version 2>/dev/null)"
