/**
 * Bounded binary Reader and growable Writer for network codecs (big-endian, network byte order).
 *
 * The Reader checks every length before it reads: a short read always throws ShortReadError and
 * never yields a garbage value. The Writer grows as needed and back-fills length fields.
 */

/**
 * A fresh copy of bytes[start, end) as a plain Uint8Array. Use this instead of `.slice()`, which on
 * a Node Buffer returns a view sharing memory with the (reused) receive buffer.
 */
export function copyBytes(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
  const out = new Uint8Array(end - start);
  out.set(bytes.subarray(start, end));
  return out;
}

/** Thrown by Reader when a read would pass the end of its window. */
export class ShortReadError extends RangeError {
  constructor(
    /** What was being read (field name). */
    readonly what: string,
    /** Octets needed. */
    readonly needed: number,
    /** Octets left. */
    readonly available: number,
  ) {
    super(`${what}: needs ${needed} octet(s), ${available} left`);
    this.name = 'ShortReadError';
  }
}

/**
 * Reads big-endian integers and byte ranges from a window [pos, end) of a Uint8Array.
 * Byte ranges are views (subarray), not copies.
 */
export class Reader {
  /** Current read offset (absolute index into `buf`). */
  pos: number;
  /** End of the window (exclusive, absolute index). */
  readonly end: number;

  /**
   * @param buf    the bytes
   * @param offset start of the window (default 0)
   * @param end    end of the window, exclusive (default buf.length); clamped to buf.length
   */
  constructor(
    readonly buf: Uint8Array,
    offset = 0,
    end = buf.length,
  ) {
    this.pos = offset;
    this.end = end < buf.length ? end : buf.length;
  }

  /** Octets left in the window. */
  get remaining(): number {
    return this.end - this.pos;
  }

  /** Throws ShortReadError unless `n` octets are left. */
  need(n: number, what = 'data'): void {
    if (n < 0 || this.pos + n > this.end) throw new ShortReadError(what, n, this.end - this.pos);
  }

  /** One octet. */
  u8(what = 'u8'): number {
    if (this.pos + 1 > this.end) throw new ShortReadError(what, 1, this.end - this.pos);
    return this.buf[this.pos++]!;
  }

  /** Two octets, unsigned big-endian. */
  u16(what = 'u16'): number {
    const p = this.pos;
    if (p + 2 > this.end) throw new ShortReadError(what, 2, this.end - p);
    this.pos = p + 2;
    return (this.buf[p]! << 8) | this.buf[p + 1]!;
  }

  /** Four octets, unsigned big-endian. */
  u32(what = 'u32'): number {
    const p = this.pos;
    if (p + 4 > this.end) throw new ShortReadError(what, 4, this.end - p);
    this.pos = p + 4;
    const b = this.buf;
    return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
  }

  /** `n` octets as a view (no copy). */
  bytes(n: number, what = 'bytes'): Uint8Array {
    const p = this.pos;
    if (n < 0 || p + n > this.end) throw new ShortReadError(what, n, this.end - p);
    this.pos = p + n;
    return this.buf.subarray(p, p + n);
  }

  /** `n` octets as a fresh copy (safe to keep after the input buffer is reused). */
  copy(n: number, what = 'bytes'): Uint8Array {
    return copyBytes(this.bytes(n, what));
  }

  /** Skips `n` octets. */
  skip(n: number, what = 'skip'): void {
    this.need(n, what);
    this.pos += n;
  }

  /** A Reader over the next `n` octets; this reader moves past them. */
  sub(n: number, what = 'sub'): Reader {
    this.need(n, what);
    const r = new Reader(this.buf, this.pos, this.pos + n);
    this.pos += n;
    return r;
  }
}

/** Appends big-endian integers and bytes to a growable buffer; back-fills length fields. */
export class Writer {
  private buf: Buffer;
  /** Octets written so far. */
  length = 0;

  /** @param initial initial capacity in octets */
  constructor(initial = 256) {
    this.buf = Buffer.allocUnsafe(initial > 16 ? initial : 16);
  }

  private grow(n: number): void {
    const need = this.length + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }

  /** Appends one octet (value & 0xff). */
  u8(v: number): this {
    this.grow(1);
    this.buf[this.length++] = v & 0xff;
    return this;
  }

  /** Appends two octets big-endian (value & 0xffff). */
  u16(v: number): this {
    this.grow(2);
    const b = this.buf;
    const p = this.length;
    b[p] = (v >>> 8) & 0xff;
    b[p + 1] = v & 0xff;
    this.length = p + 2;
    return this;
  }

  /** Appends four octets big-endian (value as uint32). */
  u32(v: number): this {
    this.grow(4);
    const b = this.buf;
    const p = this.length;
    b[p] = (v >>> 24) & 0xff;
    b[p + 1] = (v >>> 16) & 0xff;
    b[p + 2] = (v >>> 8) & 0xff;
    b[p + 3] = v & 0xff;
    this.length = p + 4;
    return this;
  }

  /** Appends bytes. */
  bytes(src: Uint8Array): this {
    this.grow(src.length);
    this.buf.set(src, this.length);
    this.length += src.length;
    return this;
  }

  /** Appends `n` copies of `value` (default zero). */
  fill(n: number, value = 0): this {
    this.grow(n);
    this.buf.fill(value, this.length, this.length + n);
    this.length += n;
    return this;
  }

  /** Reserves a 1-octet length field; returns its offset for fillLength8. */
  reserve8(): number {
    const p = this.length;
    this.u8(0);
    return p;
  }

  /** Reserves a 2-octet length field; returns its offset for fillLength16. */
  reserve16(): number {
    const p = this.length;
    this.u16(0);
    return p;
  }

  /**
   * Writes into the 1-octet field at `at` the number of octets written after it.
   * @throws RangeError when that number exceeds 255
   */
  fillLength8(at: number): void {
    const n = this.length - at - 1;
    if (n > 0xff) throw new RangeError(`length ${n} does not fit one octet`);
    this.buf[at] = n;
  }

  /**
   * Writes into the 2-octet field at `at` the number of octets written since `from` (default:
   * right after the field).
   * @throws RangeError when the value exceeds 65535
   */
  fillLength16(at: number, from = at + 2): void {
    const n = this.length - from;
    if (n > 0xffff) throw new RangeError(`length ${n} does not fit two octets`);
    this.buf[at] = (n >>> 8) & 0xff;
    this.buf[at + 1] = n & 0xff;
  }

  /** Overwrites two octets at absolute offset `at`. */
  setU16(at: number, v: number): void {
    this.buf[at] = (v >>> 8) & 0xff;
    this.buf[at + 1] = v & 0xff;
  }

  /** Overwrites one octet at absolute offset `at`. */
  setU8(at: number, v: number): void {
    this.buf[at] = v & 0xff;
  }

  /** Drops everything written after `length` (used to roll back a partial write). */
  truncate(length: number): void {
    if (length < this.length) this.length = length;
  }

  /** The written bytes as a Buffer of exactly `length` octets (a view of the internal buffer). */
  finish(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}
