/**
 * Connection collision resolution (RFC 4271 §6.8).
 *
 * When a second connection to the same peer delivers the peer's OPEN while the first is in
 * OpenSent/OpenConfirm (or Established with CollisionDetectEstablishedState), the connection
 * initiated by the speaker with the higher BGP Identifier survives: "If the value of the local
 * BGP Identifier is less than the remote one, the local system closes the BGP connection that
 * already exists … and accepts the BGP connection initiated by the remote system."
 * Two connections both initiated by the peer are not a collision in the §6.8 sense: the peer gave
 * up on the older one, so the newer one is kept.
 */

/** BGP Identifier as an unsigned 32-bit number. */
export function bgpIdValue(id: string): number {
  return id.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

/**
 * Decides which connection survives. The candidate is always peer-initiated (accepted by us).
 * @param localId         our BGP Identifier
 * @param remoteId        the peer's BGP Identifier from the candidate's OPEN
 * @param existingOutgoing the existing connection was initiated by us
 * @returns 'candidate' to dump the existing connection, 'existing' to close the candidate
 */
export function resolveCollision(localId: string, remoteId: string, existingOutgoing: boolean): 'existing' | 'candidate' {
  if (!existingOutgoing) return 'candidate';
  return bgpIdValue(localId) < bgpIdValue(remoteId) ? 'candidate' : 'existing';
}
