#!/usr/bin/env bash
# Quick-start main job: build, start bambud on loopback with the embedded default config
# (examples/bambud.yaml: BGP on 127.0.0.1:1179, gRPC on 127.0.0.1:50051, border-gateway REST API on
# 127.0.0.1:9697 with SQLite under ./var), show that it answers its API, then keep running until
# Ctrl-C. Environment: BAMBU_CONFIG (config file), BAMBU_GRPC (gRPC address the check uses).
set -euo pipefail
cd "$(dirname "$0")/.."
config=${BAMBU_CONFIG:-examples/bambud.yaml}
grpc=${BAMBU_GRPC:-127.0.0.1:50051}
[ -d node_modules ] || npm install --no-audit --no-fund
npm run --silent build
mkdir -p var
echo "start: bambud --config $config"
node dist/src/bin/bambud.js --config "$config" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; exit 0' INT TERM
for _ in $(seq 1 100); do
  if ! kill -0 "$pid" 2>/dev/null; then echo "start: bambud exited; see the log above" >&2; wait "$pid"; exit 1; fi
  if BAMBU_GRPC="$grpc" node dist/src/bin/bambu.js info 2>/dev/null; then
    echo "start: bambud is answering on $grpc (try: npx bambu --help). Ctrl-C stops it."
    wait "$pid"
    exit $?
  fi
  sleep 0.2
done
echo "start: bambud did not answer on $grpc within 20 s" >&2
kill "$pid"
exit 1
