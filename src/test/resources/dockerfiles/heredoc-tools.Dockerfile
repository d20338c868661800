# syntax=docker/dockerfile:1.4
FROM ubuntu:22.04

ARG DEBIAN_FRONTEND=noninteractive
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked <<EOT
    set -eux
    rm -f /etc/apt/apt.conf.d/docker-clean
    apt-get update
    apt-get install -y --no-install-recommends curl ca-certificates jq
EOT

COPY <<-"EOF" /usr/local/bin/healthcheck
	#!/bin/sh
	curl -fsS "http://localhost:${PORT}/health"
	EOF

RUN <<EOF bash
chmod +x /usr/local/bin/healthcheck
if [ -d /opt/app ]; then
  chown -R nobody /opt/app
fi
EOF

COPY <<CONF1 <<CONF2 /etc/app/
a=1
CONF1
b=2
CONF2
CMD ["/usr/local/bin/healthcheck"]
