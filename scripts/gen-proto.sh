#!/usr/bin/env bash
# Regenerates src/gen/ from proto/bgp.proto with ts-proto (grpc-js services). Needs Debian's protoc.
# The generated code is committed; test/unit/proto-gen.test.ts checks it is up to date.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-src/gen}
mkdir -p "$out"
protoc -I proto \
  --plugin=protoc-gen-ts_proto=node_modules/.bin/protoc-gen-ts_proto \
  --ts_proto_out="$out" \
  --ts_proto_opt=outputServices=grpc-js,esModuleInterop=true,importSuffix=.js,forceLong=number,useOptionals=none,oneof=unions-value,env=node \
  proto/bgp.proto
