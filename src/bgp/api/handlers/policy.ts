/**
 * Routing policy RPCs of bgp.BgpService (seed 002 "Policy Management"): AddDefinedSet,
 * RemoveDefinedSet, ListDefinedSets, AddPolicy, RemovePolicy, ListPolicies, SetPolicyAssignment.
 * Each validates, converts to the policy domain types, and calls the instance (which re-evaluates
 * the affected routes without resetting sessions).
 */
import type {
  AddDefinedSetRequest,
  AddDefinedSetResponse,
  AddPolicyRequest,
  AddPolicyResponse,
  ListDefinedSetsRequest,
  ListDefinedSetsResponse,
  ListPoliciesRequest,
  ListPoliciesResponse,
  RemoveDefinedSetRequest,
  RemoveDefinedSetResponse,
  RemovePolicyRequest,
  RemovePolicyResponse,
  SetPolicyAssignmentRequest,
  SetPolicyAssignmentResponse,
} from '../../../gen/bgp.js';
import { invalidArgument } from '../../../lib/errors.js';
import type { BgpInstanceApi } from '../../instance-api.js';
import { peerRef } from '../validate.js';
import { definedSetFromProto, definedSetToProto, setTypeOf, statementFromProto, statementToProto } from '../convert/policy.js';

/** The policy handlers bound to one instance. */
export function policyHandlers(bgp: BgpInstanceApi) {
  return {
    /** AddDefinedSet: add, merge (replace = false) or replace. @throws INVALID_ARGUMENT */
    onAddDefinedSet(req: AddDefinedSetRequest): AddDefinedSetResponse {
      const def = definedSetFromProto(req.set);
      bgp.addDefinedSet(def, req.replace);
      return { success: true, message: `${def.type} ${def.name} ${req.replace ? 'replaced' : 'added'}` };
    },

    /** RemoveDefinedSet: by name, or every set of set_type with `all`. @throws INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION */
    onRemoveDefinedSet(req: RemoveDefinedSetRequest): RemoveDefinedSetResponse {
      const type = setTypeOf(req.setType);
      if (!req.all && !req.name) throw invalidArgument('name', 'required unless all = true');
      bgp.removeDefinedSet(type, req.name, req.all);
      return { success: true, message: req.all ? `every ${type} removed` : `${type} ${req.name} removed` };
    },

    /** ListDefinedSets: optional set_type / name filters. @throws INVALID_ARGUMENT (set_type) */
    onListDefinedSets(req: ListDefinedSetsRequest): ListDefinedSetsResponse {
      const type = req.setType ? setTypeOf(req.setType) : undefined;
      return { sets: bgp.listDefinedSets(type, req.name || undefined).map(definedSetToProto) };
    },

    /** AddPolicy: adds or replaces. @throws INVALID_ARGUMENT, NOT_FOUND (unknown set) */
    onAddPolicy(req: AddPolicyRequest): AddPolicyResponse {
      if (!req.name) throw invalidArgument('name', 'required');
      bgp.addPolicy({ name: req.name, statements: req.statements.map((s, i) => statementFromProto(s, `statements[${i}]`)) });
      return { success: true, message: `policy ${req.name} added` };
    },

    /** RemovePolicy. @throws NOT_FOUND, FAILED_PRECONDITION (assigned) */
    onRemovePolicy(req: RemovePolicyRequest): RemovePolicyResponse {
      if (!req.name) throw invalidArgument('name', 'required');
      bgp.removePolicy(req.name);
      return { success: true, message: `policy ${req.name} removed` };
    },

    /** ListPolicies: optional name filter. */
    onListPolicies(req: ListPoliciesRequest): ListPoliciesResponse {
      return { policies: bgp.listPolicies(req.name || undefined).map((p) => ({ name: p.name, statements: p.statements.map(statementToProto) })) };
    },

    /**
     * SetPolicyAssignment: direction "import" / "export", policy_names in order, default_action
     * "accept" (default) / "reject". @throws INVALID_ARGUMENT, NOT_FOUND (peer, policy)
     */
    onSetPolicyAssignment(req: SetPolicyAssignmentRequest): SetPolicyAssignmentResponse {
      const peer = peerRef('peer_address', req.peerAddress);
      const direction = req.direction.toLowerCase();
      if (direction !== 'import' && direction !== 'export') throw invalidArgument('direction', `must be "import" or "export", got ${JSON.stringify(req.direction)}`);
      const def = (req.defaultAction || 'accept').toLowerCase();
      if (def !== 'accept' && def !== 'reject') throw invalidArgument('default_action', `must be "accept" or "reject", got ${JSON.stringify(req.defaultAction)}`);
      bgp.setPolicyAssignment(peer, direction, { policyNames: [...req.policyNames], defaultAction: def });
      return { success: true, message: `${direction} policies of ${peer}: [${req.policyNames.join(', ')}], default ${def}` };
    },
  };
}
