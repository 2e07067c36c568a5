/**
 * What a monitoring consumer (the BMP exporter, src/bmp/) sees of the instance: Established
 * sessions with both OPENs and their TCP endpoints, their pre-policy Adj-RIB-In, received
 * UPDATEs as they arrive, and why a session went down (RFC 7854 §4.9 reasons).
 */
import type { AfiSafi, PathAttributes } from '../types.js';
import type { OpenMessage, UpdateMessage } from '../wire/index.js';

/** One Established session as a monitor sees it (a snapshot taken when it came up). */
export interface MonitoredPeer {
  readonly address: string;
  readonly asn: number;
  /** The peer's BGP Identifier. */
  readonly bgpId: string;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remotePort: number;
  readonly sentOpen: OpenMessage;
  readonly receivedOpen: OpenMessage;
  readonly families: readonly AfiSafi[];
  /** ms since the epoch. */
  readonly establishedAt: number;
  /** The peer's pre-policy Adj-RIB-In (lazy; live view). */
  adjRibIn(): Iterable<readonly [AfiSafi, string, PathAttributes, ...unknown[]]>;
  /** The peer's post-policy Adj-RIB-Out (lazy; live view). */
  adjRibOut(): Iterable<[AfiSafi, string, PathAttributes]>;
  /** The session negotiated 4-octet AS numbers (RFC 6793): the encoding of `adjRibOutSent` frames. */
  readonly fourOctetAs: boolean;
  /** Routes in its Adj-RIB-In and routes of it in the Loc-RIB (gauges). */
  counts(): { readonly adjRibIn: number; readonly locRib: number };
}

/** Why a session went down (RFC 7854 §4.9 reason codes 1–5). */
export type PeerDownReason =
  | { readonly kind: 'local-notification' | 'remote-notification'; readonly code: number; readonly subcode: number; readonly data: Uint8Array }
  | { readonly kind: 'local-no-notification' }
  | { readonly kind: 'remote-closed' }
  | { readonly kind: 'deconfigured' };

/** Callbacks of a monitor; called on the instance's event queue, must not throw or block. */
export interface MonitorListener {
  peerUp(peer: MonitoredPeer): void;
  peerDown(peer: MonitoredPeer, reason: PeerDownReason): void;
  /** An UPDATE received from an Established peer, before any processing. */
  update(peer: MonitoredPeer, msg: UpdateMessage): void;
  /** UPDATE frames just sent to the peer (post-policy Adj-RIB-Out, RFC 8671), as sent. */
  adjRibOutSent?(peer: MonitoredPeer, frames: readonly Buffer[]): void;
}
