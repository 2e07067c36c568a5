/**
 * Packing routes into as few UPDATE messages as fit (RFC 4271 §4.3, RFC 4760 §3–4, RFC 8654):
 * IPv4 unicast in the classic Withdrawn Routes / NLRI fields, every other family in
 * MP_REACH_NLRI / MP_UNREACH_NLRI. The attribute block is encoded once and copied into each
 * message; prefixes are appended until the next one would pass the maximum message size
 * (4096 octets, or 65535 with Extended Message).
 */
import { Writer } from '../../lib/bytes.js';
import { invalidArgument } from '../../lib/errors.js';
import type { AfiSafi, PathAttributes } from '../types.js';
import { finishMpAttr, startMpReach } from './attrs/mp-reach.js';
import { startMpUnreach } from './attrs/mp-unreach.js';
import { writeAttributes } from './attrs/table.js';
import { type CodecContext, maxMessageLength } from './context.js';
import { type FamilyCodec, type NlriData, familyCodec } from './families.js';
import { finishHeader, writeHeader } from './header.js';
import { MESSAGE_TYPE } from './iana.js';
import type { UpdateMessage } from './messages.js';
import { encodeMessage } from './message.js';

/** Options of encodeUpdates. */
export interface EncodeUpdatesOptions {
  /** IPv6 link-local next hop to add to MP_REACH_NLRI (32-octet next hop, RFC 2545 §3). */
  readonly nextHopLinkLocal?: string;
  /**
   * Non-key data of each announced item (EVPN labels and ESI, RFC 7432 §7.2); items without it
   * get one zero label. Ignored by families without NLRI data.
   */
  readonly nlriData?: (item: string) => NlriData | undefined;
}

/** The NLRI writer of a family, or a RangeError when the family cannot be encoded yet. */
function nlriWriter(row: FamilyCodec): NonNullable<FamilyCodec['writeNlri']> {
  if (row.writeNlri === null) throw new RangeError(`${row.family} NLRI cannot be encoded yet`);
  return row.writeNlri;
}

/** Encoder state of one UPDATE under construction. */
class Packer {
  readonly out: Buffer[] = [];
  private w: Writer | null = null;
  private headerAt = 0;
  private fieldAt = 0;
  private mpAt = 0;
  private count = 0;

  constructor(
    private readonly max: number,
    /** Writes everything before the first NLRI item; returns [fieldLengthAt, mpLengthAt]. */
    private readonly open: (w: Writer) => [number, number],
    /** Completes the message after the last NLRI item. */
    private readonly close: (w: Writer, fieldAt: number, mpAt: number) => void,
    /** Octets `close` will still append. */
    private readonly tail: number,
  ) {}

  private start(): Writer {
    const w = new Writer(this.max);
    this.headerAt = writeHeader(w, MESSAGE_TYPE.UPDATE);
    [this.fieldAt, this.mpAt] = this.open(w);
    this.count = 0;
    this.w = w;
    return w;
  }

  private flush(): void {
    const w = this.w;
    if (w === null || this.count === 0) return;
    this.close(w, this.fieldAt, this.mpAt);
    finishHeader(w, this.headerAt);
    this.out.push(w.finish());
    this.w = null;
  }

  /** Appends one item, starting a new message when it does not fit. */
  add(write: (w: Writer, item: string) => void, item: string): void {
    let w = this.w ?? this.start();
    const before = w.length;
    write(w, item);
    if (w.length + this.tail > this.max) {
      w.truncate(before);
      if (this.count === 0) throw new RangeError(`attributes leave no room for ${item} in a ${this.max}-octet UPDATE`);
      this.flush();
      w = this.start();
      write(w, item);
    }
    this.count++;
  }

  finish(): Buffer[] {
    this.flush();
    return this.out;
  }
}

/**
 * Encodes announcements of `prefixes` (canonical CIDR of `family`) with `attrs` into as many
 * UPDATEs as needed. IPv4 unicast uses NEXT_HOP (attrs.nextHop, IPv4); other families put
 * attrs.nextHop (and the link-local one from `opts` or attrs.nextHopLinkLocal) in MP_REACH_NLRI.
 * @returns the messages, empty when `prefixes` is empty
 * @throws BambuError INVALID_ARGUMENT for a bad prefix/next hop; RangeError when the attributes
 *         alone do not fit a message or the family cannot be encoded yet
 */
export function encodeUpdates(
  family: AfiSafi,
  prefixes: Iterable<string>,
  attrs: PathAttributes,
  ctx: CodecContext,
  opts: EncodeUpdatesOptions = {},
): Buffer[] {
  const row = familyCodec(family);
  const writeItem = nlriWriter(row);
  const dataOf = row.hasNlriData ? opts.nlriData : undefined;
  const write = dataOf === undefined ? writeItem : (w: Writer, item: string) => writeItem(w, item, dataOf(item));
  const classic = family === 'ipv4-unicast';
  if (attrs.nextHop === undefined) throw invalidArgument('nextHop', `required to announce ${family}`);
  const aw = new Writer(256);
  writeAttributes(aw, attrs, ctx, classic);
  const attrBytes = aw.finish();
  const max = maxMessageLength(ctx);
  let packer: Packer;
  if (classic) {
    packer = new Packer(
      max,
      (w) => {
        w.u16(0).u16(attrBytes.length).bytes(attrBytes);
        return [0, 0];
      },
      () => {},
      0,
    );
  } else {
    const nextHop = attrs.nextHop;
    const linkLocal = opts.nextHopLinkLocal ?? attrs.nextHopLinkLocal;
    packer = new Packer(
      max,
      (w) => {
        w.u16(0);
        const fieldAt = w.reserve16();
        return [fieldAt, startMpReach(w, row, nextHop, linkLocal)];
      },
      (w, fieldAt, mpAt) => {
        finishMpAttr(w, mpAt);
        w.bytes(attrBytes);
        w.fillLength16(fieldAt);
      },
      attrBytes.length,
    );
  }
  for (const prefix of prefixes) packer.add(write, prefix);
  return packer.finish();
}

/**
 * Encodes withdrawals of `prefixes` into as many UPDATEs as needed: the Withdrawn Routes field
 * for IPv4 unicast, MP_UNREACH_NLRI otherwise.
 * @returns the messages, empty when `prefixes` is empty
 * @throws BambuError INVALID_ARGUMENT for a bad prefix; RangeError when the family cannot be encoded yet
 */
export function encodeWithdrawals(family: AfiSafi, prefixes: Iterable<string>, ctx: CodecContext): Buffer[] {
  const row = familyCodec(family);
  const write = nlriWriter(row);
  const max = maxMessageLength(ctx);
  const packer =
    family === 'ipv4-unicast'
      ? new Packer(
          max,
          (w) => [w.reserve16(), 0],
          (w, fieldAt) => {
            w.fillLength16(fieldAt);
            w.u16(0);
          },
          2,
        )
      : new Packer(
          max,
          (w) => {
            w.u16(0);
            const fieldAt = w.reserve16();
            return [fieldAt, startMpUnreach(w, row)];
          },
          (w, fieldAt, mpAt) => {
            finishMpAttr(w, mpAt);
            w.fillLength16(fieldAt);
          },
          0,
        );
  for (const prefix of prefixes) packer.add(write, prefix);
  return packer.finish();
}

/**
 * End-of-RIB marker for `family` (RFC 4724 §2): an empty UPDATE for IPv4 unicast, an UPDATE
 * with only an empty MP_UNREACH_NLRI otherwise.
 */
export function encodeEndOfRib(family: AfiSafi, ctx: CodecContext): Buffer {
  const msg: UpdateMessage =
    family === 'ipv4-unicast'
      ? { type: 'update', withdrawn: [], attributes: null, nlri: [] }
      : { type: 'update', withdrawn: [], attributes: null, nlri: [], mpUnreach: { family, withdrawn: [] } };
  return encodeMessage(msg, ctx);
}

/** The family whose End-of-RIB marker `msg` is (RFC 4724 §2), or undefined when it is not one. */
export function endOfRibFamily(msg: UpdateMessage): AfiSafi | undefined {
  if (msg.withdrawn.length > 0 || msg.nlri.length > 0 || msg.attributes !== null || msg.mpReach !== undefined) return undefined;
  if (msg.treatAsWithdraw !== undefined || msg.discarded !== undefined) return undefined;
  if (msg.mpUnreach === undefined) return 'ipv4-unicast';
  return msg.mpUnreach.withdrawn.length === 0 ? msg.mpUnreach.family : undefined;
}
