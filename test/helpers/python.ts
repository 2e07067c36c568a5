/**
 * Python gRPC clients for tests: generate bgp_pb2 / bgp_pb2_grpc from the project's proto with
 * protoc + grpc_python_plugin (../shared/spec/test-environment.md), and run scripts with Debian's
 * /usr/bin/python3 (the one with python3-grpcio; a python3 earlier on PATH may lack it).
 * Missing tools are a failure with the Debian package to install, never a skip.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, run } from './proc.js';

export const PYTHON = '/usr/bin/python3';
const PLUGIN = '/usr/bin/grpc_python_plugin';

/** Throws naming the Debian package when a tool the Python tests need is absent. */
export function requirePythonGrpc(): void {
  if (!existsSync(PLUGIN)) throw new Error(`${PLUGIN} missing: install protobuf-compiler-grpc (scripts/install-deps.sh)`);
  if (run('sh', ['-c', 'command -v protoc'], { check: false }).status !== 0) throw new Error('protoc missing: install protobuf-compiler (scripts/install-deps.sh)');
  const r = run(PYTHON, ['-c', 'import grpc, google.protobuf'], { check: false });
  if (r.status !== 0) throw new Error(`${PYTHON} cannot import grpc/protobuf: install python3-grpcio python3-protobuf (${r.stderr.trim()})`);
}

/**
 * Generates the Python stubs of proto/bgp.proto into `outDir`, run from the project root with
 * `-I.` so that `from proto import bgp_pb2, bgp_pb2_grpc` works with `outDir` on PYTHONPATH.
 */
export function generatePythonStubs(outDir: string): void {
  requirePythonGrpc();
  run('protoc', ['-I.', `--python_out=${outDir}`, `--grpc_python_out=${outDir}`, `--plugin=protoc-gen-grpc_python=${PLUGIN}`, 'proto/bgp.proto'], { cwd: ROOT });
}

/**
 * Writes `code` to `dir/name` and runs it with /usr/bin/python3, `pythonPath` on PYTHONPATH.
 * @returns stdout, stderr and exit status (no throw: the caller asserts)
 */
export function runPython(dir: string, name: string, code: string, pythonPath: string): { stdout: string; stderr: string; status: number } {
  const file = join(dir, name);
  writeFileSync(file, code);
  return run(PYTHON, [file], { check: false, cwd: dir, env: { ...process.env, PYTHONPATH: pythonPath }, timeoutMs: 60_000 });
}
