#!/usr/bin/env python3
"""Pushes a synthetic fleet into a registry over the Distribution API (bench/fleet.sh runs it).

IMAGES images in REPOS repositories on three bases (debian-like, alpine-like, node-like = debian + a runtime
layer): each repository has one dependencies layer shared by its tags, each image one small app layer of its own.
Layers are real gzip'd tars and configs carry real diff ids and history, so `fleet scan` analyses them as it would
any image. Standard library only; blobs already in the registry are mounted, not uploaded again.

usage: fleet-push.py HOST:PORT IMAGES REPOS
"""
import gzip
import hashlib
import io
import json
import random
import sys
import tarfile
import urllib.error
import urllib.request

host, images, repos = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
base_url = "http://" + host
rng = random.Random(19)


def tar_layer(files):
    """(uncompressed tar bytes, gzip bytes) of {path: bytes}, deterministic."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as t:
        dirs = set()
        for path in sorted(files):
            parts = path.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                d = "/".join(parts[:i])
                if d not in dirs:
                    dirs.add(d)
                    info = tarfile.TarInfo(d)
                    info.type = tarfile.DIRTYPE
                    info.mode = 0o755
                    t.addfile(info)
            info = tarfile.TarInfo(path)
            info.size = len(files[path])
            info.mode = 0o644
            t.addfile(info, io.BytesIO(files[path]))
    tar = raw.getvalue()
    gz = io.BytesIO()
    with gzip.GzipFile(fileobj=gz, mode="wb", mtime=0) as g:
        g.write(tar)
    return tar, gz.getvalue()


def noise(n):
    # half random, half text: compresses like real files, not like zeros
    return rng.randbytes(n // 2) + (b"lorem ipsum dolor sit amet " * (n // 54 + 1))[: n - n // 2]


def sha(b):
    return "sha256:" + hashlib.sha256(b).hexdigest()


def request(method, url, body=None, headers=None):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers)


where = {}  # digest -> a repository that has it


def push_blob(repo, data, digest):
    if where.get(digest) == repo:
        return
    if digest in where:
        status, _ = request("POST", f"{base_url}/v2/{repo}/blobs/uploads/?mount={digest}&from={where[digest]}")
        if status == 201:
            return
    status, headers = request("POST", f"{base_url}/v2/{repo}/blobs/uploads/")
    location = headers["Location"]
    location = location if location.startswith("http") else base_url + location
    sep = "&" if "?" in location else "?"
    status, _ = request("PUT", f"{location}{sep}digest={digest}", data,
                        {"Content-Type": "application/octet-stream"})
    if status != 201:
        raise SystemExit(f"blob upload to {repo} failed: {status}")
    where.setdefault(digest, repo)


def layer(files, created_by):
    tar, gz = tar_layer(files)
    return {"tar": tar, "gz": gz, "digest": sha(gz), "diff": sha(tar), "by": created_by}


def os_release(name, version):
    return f'ID={name}\nVERSION_ID="{version}"\nPRETTY_NAME="{name} {version}"\n'.encode()


bases = {
    "debian": [layer({"etc/os-release": os_release("debian", "12.2"), "usr/lib/libc.so": noise(400_000),
                      "var/lib/dpkg/status": b"Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\n\n",
                      "usr/share/doc/libc6/copyright": noise(20_000)}, "ADD debian-rootfs.tar /")],
    "alpine": [layer({"etc/os-release": os_release("alpine", "3.19"), "lib/ld-musl.so": noise(120_000),
                      "lib/apk/db/installed": b"P:musl\nV:1.2.4-r2\n\n"}, "ADD alpine-minirootfs.tar /")],
}
bases["node"] = bases["debian"] + [layer({"usr/local/bin/node": noise(600_000)}, "COPY /usr/local /usr/local")]
base_names = ["debian", "alpine", "node"]

repo_names = [f"team-{r % 20:02d}/svc-{r:03d}" for r in range(repos)]
deps = {}
pushed = 0
for i in range(images):
    r = i % repos
    repo = repo_names[r]
    base = base_names[r % 3]
    if repo not in deps:
        deps[repo] = layer({f"app/lib/{repo.replace('/', '-')}.so": noise(60_000 + r * 97)}, "COPY lib/ /app/lib/")
    app = layer({f"app/bin/{repo.replace('/', '-')}-{i}": noise(8_000 + (i % 13) * 500)}, f"COPY app-{i} /app/")
    layers = bases[base] + [deps[repo], app]
    if i % 5 == 0:  # package lists left behind: waste explain can measure
        layers.append(layer({"var/lib/apt/lists/main_Packages": noise(30_000)}, "RUN apt-get update"))
    config = json.dumps({
        "architecture": "amd64", "os": "linux", "created": f"2026-11-{1 + i % 28:02d}T00:00:00Z",
        "config": {"Cmd": ["/app/run"]},
        "rootfs": {"type": "layers", "diff_ids": [l["diff"] for l in layers]},
        "history": [{"created_by": l["by"]} for l in layers],
    }, sort_keys=True).encode()
    for l in layers:
        push_blob(repo, l["gz"], l["digest"])
    push_blob(repo, config, sha(config))
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": sha(config),
                   "size": len(config)},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": l["digest"],
                    "size": len(l["gz"])} for l in layers],
    }, sort_keys=True).encode()
    tag = f"1.{i // repos}"
    status, _ = request("PUT", f"{base_url}/v2/{repo}/manifests/{tag}", manifest,
                        {"Content-Type": "application/vnd.oci.image.manifest.v1+json"})
    if status != 201:
        raise SystemExit(f"manifest {repo}:{tag} failed: {status}")
    pushed += 1
    if pushed % 100 == 0:
        print(f"pushed {pushed} images", file=sys.stderr)
print(json.dumps({"images": pushed, "repositories": len(deps), "blobs": len(where)}))
