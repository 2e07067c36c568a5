/**
 * MAC mobility (RFC 7432 §15): which of several advertisements of one MAC wins, and duplicate-MAC
 * detection. Pure (the clock is a parameter).
 *
 *   - the highest sequence number wins (§15.1); a sticky (static) MAC beats any non-sticky one
 *     (§15.2); between equal sequence numbers the lower VTEP address wins (§15.1, "the PE with the
 *     lower IP address");
 *   - a PE that learns locally a MAC it holds from a remote route advertises it with the remote
 *     sequence + 1 (§15.1) — the caller does that with nextSequence;
 *   - N moves within M seconds → the MAC is a duplicate: stop sending and processing its routes and
 *     alert the operator (§15.1; defaults N = 5, M = 180 s).
 */

/** One advertisement of a MAC competing in the mobility procedure. */
export interface MacClaim {
  /** VTEP the MAC is behind. */
  readonly vtep: string;
  readonly sequence: number;
  readonly sticky: boolean;
}

/** Numeric order of IPv4 (and, textually, IPv6) addresses; lower first. */
function compareIp(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  if (pa.length === 4 && pb.length === 4) {
    for (let i = 0; i < 4; i++) {
      const d = Number(pa[i]) - Number(pb[i]);
      if (d !== 0) return d;
    }
    return 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** True when claim `a` beats claim `b` (RFC 7432 §15.1, §15.2). */
export function beats(a: MacClaim, b: MacClaim): boolean {
  if (a.sticky !== b.sticky) return a.sticky;
  if (a.sequence !== b.sequence) return a.sequence > b.sequence;
  return compareIp(a.vtep, b.vtep) < 0;
}

/** The winning claim of a list, or undefined when it is empty. */
export function best<T extends MacClaim>(claims: Iterable<T>): T | undefined {
  let win: T | undefined;
  for (const c of claims) if (win === undefined || beats(c, win)) win = c;
  return win;
}

/**
 * Sequence number for a local (re-)learn: one above the winning remote claim, and never below
 * what we advertised before (RFC 7432 §15.1).
 */
export function nextSequence(remote: MacClaim | undefined, previous: number | undefined): number {
  const base = previous ?? 0;
  return remote === undefined ? base : Math.max(base, remote.sequence + 1);
}

/** Duplicate-MAC detection settings. */
export interface DuplicateSettings {
  /** Moves that make a MAC a duplicate (N, default 5). */
  readonly maxMoves: number;
  /** Window in seconds (M, default 180). */
  readonly windowSecs: number;
}

export const DEFAULT_DUPLICATE: DuplicateSettings = { maxMoves: 5, windowSecs: 180 };

/** A frozen (duplicate) MAC. */
export interface FrozenMac {
  readonly id: string;
  /** Moves counted in the window when it froze. */
  readonly moves: number;
  /** Time it froze, seconds (the caller's clock). */
  readonly since: number;
}

/** Counts moves per MAC id in a sliding window; freezes a MAC at the N-th move within M seconds. */
export class DuplicateDetector {
  private readonly moves = new Map<string, number[]>();
  private readonly frozenMacs = new Map<string, FrozenMac>();

  constructor(private readonly settings: DuplicateSettings = DEFAULT_DUPLICATE) {}

  /**
   * Records a move of `id` at `now` (seconds).
   * @returns true when this move froze the MAC
   */
  move(id: string, now: number): boolean {
    if (this.frozenMacs.has(id)) return false;
    const from = now - this.settings.windowSecs;
    const list = (this.moves.get(id) ?? []).filter((t) => t > from);
    list.push(now);
    this.moves.set(id, list);
    if (list.length < this.settings.maxMoves) return false;
    this.frozenMacs.set(id, { id, moves: list.length, since: now });
    this.moves.delete(id);
    return true;
  }

  isFrozen(id: string): boolean {
    return this.frozenMacs.has(id);
  }

  /** Moves of `id` counted in the current window. */
  count(id: string): number {
    return this.moves.get(id)?.length ?? 0;
  }

  /** Every frozen MAC, in freezing order. */
  frozen(): FrozenMac[] {
    return [...this.frozenMacs.values()];
  }

  /** Operator's corrective action: unfreezes `id` and forgets its moves. @returns whether it was frozen */
  clear(id: string): boolean {
    this.moves.delete(id);
    return this.frozenMacs.delete(id);
  }
}
