/**
 * The committed ts-proto output (src/gen/bgp.ts) must be exactly what scripts/gen-proto.sh makes
 * from proto/bgp.proto, and the proto must keep the seed's field numbers (spot checks against
 * ../shared/spec/bgp-api.md, which is the wire contract).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, ROOT } from '../../helpers/proc.js';

test('src/gen/bgp.ts is up to date with proto/bgp.proto', () => {
  const out = mkdtempSync(join(tmpdir(), 'bambu-gen-'));
  try {
    run('bash', [join(ROOT, 'scripts', 'gen-proto.sh'), out], { cwd: ROOT });
    const fresh = readFileSync(join(out, 'bgp.ts'), 'utf8');
    const committed = readFileSync(join(ROOT, 'src', 'gen', 'bgp.ts'), 'utf8');
    assert.equal(committed, fresh, 'run `npm run gen` and commit src/gen/bgp.ts');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

/** Parses `message X { … }` blocks of a proto file into {message: {field: number}} (top level and nested). */
function protoFields(text: string): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>();
  const stack: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    const m = /^message\s+(\w+)\s*\{/.exec(line);
    if (m) {
      stack.push(stack.length ? `${stack[stack.length - 1]}.${m[1]}` : m[1]!);
      result.set(stack[stack.length - 1]!, new Map());
      if (line.endsWith('}')) stack.pop();
      continue;
    }
    if (/^(oneof|enum)\s+\w+\s*\{/.test(line)) {
      stack.push('#block');
      continue;
    }
    if (line === '}') {
      stack.pop();
      continue;
    }
    const f = /^(?:optional\s+|repeated\s+)?[\w.]+\s+(\w+)\s*=\s*(\d+);/.exec(line);
    const owner = [...stack].reverse().find((s) => s !== '#block');
    if (f && owner) result.get(owner)!.set(f[1]!, Number(f[2]));
  }
  return result;
}

test('proto keeps the seed field numbers for every message in the spec table', () => {
  const proto = protoFields(readFileSync(join(ROOT, 'proto', 'bgp.proto'), 'utf8'));
  const spec = readFileSync(join(ROOT, '..', 'shared', 'spec', 'bgp-api.md'), 'utf8');
  let checked = 0;
  for (const row of spec.split('\n')) {
    const cells = /^\|\s*([^|]+?)\s*\|\s*([^|]+?)\s*\|$/.exec(row);
    if (!cells || cells[1] === 'message' || cells[1]!.startsWith('---')) continue;
    const names = cells[1]!.split(',').map((s) => s.trim()).filter((s) => /^[\w.]+$/.test(s));
    // "1 name: type; 2 opt name: type" — also the oneof forms "1 two_octet_as: …".
    const fields = [...cells[2]!.matchAll(/(?:^|[;:]\s|\(|—\s)(\d+)\s+(?:opt\s+|rep\s+)*(\w+)\s*:/g)];
    for (const name of names) {
      const msg = proto.get(name);
      assert.ok(msg, `message ${name} missing from proto/bgp.proto`);
      for (const [, num, field] of fields) {
        if (!msg.has(field!)) continue; // prose such as "(bytes/s …)" is not a field
        assert.equal(msg.get(field!), Number(num), `${name}.${field} must be field ${num}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 150, `only ${checked} fields checked — the spec table parser broke`);
});
