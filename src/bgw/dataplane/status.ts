/**
 * Per-object status after a reconcile pass: "ACTIVE" when every op owned by the object succeeded
 * and no planning error names it, else "ERROR: <messages>". Pure.
 */
import type { DesiredState } from '../model/desired.js';
import type { ApplyResult, Owner, PlanError } from './types.js';

/** Status of one API object. */
export interface ObjectStatus extends Owner {
  status: string;
}

/** Longest status text stored (the message is cut, not the word ERROR). */
export const STATUS_MAX = 255;

/**
 * @param state   the desired state the pass realized (its connections and API-origin MACs get a status)
 * @param errors  planning errors (conflicts, foreign links, missing interfaces)
 * @param applied failed ops from the adapter
 * @returns one status per connection and API-origin MAC, keyed "<kind>/<id>"
 */
export function statuses(state: DesiredState, errors: PlanError[], applied: ApplyResult): Map<string, ObjectStatus> {
  const problems = new Map<string, string[]>();
  const note = (owners: Owner[], message: string) => {
    for (const o of owners) {
      const k = `${o.kind}/${o.id}`;
      const list = problems.get(k) ?? [];
      if (!list.includes(message)) list.push(message);
      problems.set(k, list);
    }
  };
  for (const e of errors) note(e.owners, e.message);
  for (const f of applied.failed) note(f.op.owners, f.message);
  const out = new Map<string, ObjectStatus>();
  const put = (kind: Owner['kind'], id: string) => {
    const k = `${kind}/${id}`;
    const p = problems.get(k);
    out.set(k, { kind, id, status: p ? `ERROR: ${p.join('; ')}`.slice(0, STATUS_MAX) : 'ACTIVE' });
  };
  for (const seg of state.segments) {
    for (const r of seg.remotes) if (r.origin !== 'evpn') put('l2_remote_gateway_connection', r.connectionId);
    for (const m of seg.macs) if (m.origin === 'api') put('l2_remote_mac', m.id);
  }
  return out;
}
