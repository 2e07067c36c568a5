/** Reader bounds checks and Writer growth / length back-filling (src/lib/bytes.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Reader, ShortReadError, Writer } from '../../../src/lib/bytes.js';

test('Reader reads big-endian integers and views within its window', () => {
  const r = new Reader(Uint8Array.from([0x01, 0x02, 0x03, 0xff, 0xff, 0xff, 0xfe, 0xaa, 0xbb]), 1, 9);
  assert.equal(r.u16(), 0x0203);
  assert.equal(r.u32(), 0xfffffffe);
  assert.equal(r.remaining, 2);
  assert.deepEqual([...r.bytes(2)], [0xaa, 0xbb]);
  assert.equal(r.remaining, 0);
});

test('Reader: every short read throws ShortReadError and leaves the position unchanged', () => {
  const r = new Reader(Uint8Array.from([1, 2, 3]), 0, 3);
  r.u8();
  assert.throws(() => r.u32('asn'), (e: unknown) => e instanceof ShortReadError && e.what === 'asn' && e.needed === 4 && e.available === 2);
  assert.throws(() => r.bytes(3), ShortReadError);
  assert.throws(() => r.skip(5), ShortReadError);
  assert.throws(() => r.sub(3), ShortReadError);
  assert.equal(r.pos, 1);
  assert.equal(r.u16(), 0x0203);
  assert.throws(() => r.u8(), ShortReadError);
});

test('Reader window end is clamped to the buffer', () => {
  const r = new Reader(Uint8Array.from([1, 2]), 0, 100);
  assert.equal(r.remaining, 2);
  assert.throws(() => r.u32(), ShortReadError);
});

test('Reader.sub gives a bounded child reader and advances the parent', () => {
  const r = new Reader(Uint8Array.from([9, 8, 7, 6]));
  const child = r.sub(2);
  assert.equal(r.pos, 2);
  assert.equal(child.u16(), 0x0908);
  assert.throws(() => child.u8(), ShortReadError);
});

test('Writer grows past its initial capacity and back-fills 1- and 2-octet lengths', () => {
  const w = new Writer(16);
  const l16 = w.reserve16();
  const l8 = w.reserve8();
  for (let i = 0; i < 300; i++) w.u8(i);
  assert.throws(() => w.fillLength8(l8), RangeError);
  w.truncate(3 + 10);
  w.fillLength8(l8);
  w.fillLength16(l16);
  const out = w.finish();
  assert.equal(out.length, 13);
  assert.deepEqual([...out.subarray(0, 3)], [0, 11, 10]);
});

test('Writer writes u16/u32 big-endian and fills', () => {
  const w = new Writer();
  w.u16(0xabcd).u32(0xdeadbeef).fill(2, 0xff).bytes(Uint8Array.from([1]));
  assert.equal(w.finish().toString('hex'), 'abcddeadbeefffff01');
});
