/**
 * Connection collision resolution (RFC 4271 §6.8).
 *
 * When a second connection to the same peer delivers the peer's OPEN while the first is in
 * OpenSent/OpenConfirm (or Established with CollisionDetectEstablishedState), the connection
 * initiated by the speaker with the higher BGP Identifier survives: "If the value of the local
 * BGP Identifier is less than the remote one, the local system closes the BGP connection that
 * already exists … and accepts the BGP connection initiated by the remote system."
 * Two connections initiated by the same side are not a collision in the §6.8 sense: the older one
 * was given up, so the newer one is kept.
 */

/** BGP Identifier as an unsigned 32-bit number. */
export function bgpIdValue(id: string): number {
  return id.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

/**
 * Decides which of two connections to the same peer survives.
 * @param localId           our BGP Identifier
 * @param remoteId          the peer's BGP Identifier from the candidate's OPEN
 * @param existingOutgoing  the existing connection was initiated by us
 * @param candidateOutgoing the candidate (newer) connection was initiated by us
 * @returns 'candidate' to dump the existing connection, 'existing' to close the candidate
 */
export function resolveCollision(localId: string, remoteId: string, existingOutgoing: boolean, candidateOutgoing: boolean): 'existing' | 'candidate' {
  if (existingOutgoing === candidateOutgoing) return 'candidate';
  // Keep the connection initiated by the speaker with the higher BGP Identifier.
  const keepOutgoing = bgpIdValue(localId) > bgpIdValue(remoteId);
  return keepOutgoing === existingOutgoing ? 'existing' : 'candidate';
}
