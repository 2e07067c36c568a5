/**
 * EVPN for VXLAN border gateways — public surface (RFC 7432, RFC 8365, RFC 9012, RFC 6514).
 *
 *   speaker.ts   the EvpnSpeaker contract with the BGP engine; InMemoryEvpnFabric for tests
 *   routes.ts    EVIs (RD router-id:index, RT ASN:VNI), type 2 / type 3 builders, received → meaning
 *   mobility.ts  MAC mobility (sequence, sticky, lower VTEP wins ties) and duplicate detection
 *   core.ts      EvpnCore: local MACs + received routes → advertisements and install decisions
 *
 * Deliberate deviations: single-homed only (ESI zero; types 1 and 4 are kept by the speaker but
 * not acted on, nor type 5); the RD index is the VNI when it fits 16 bits; the automatic RT uses the
 * low 16 bits of a 4-octet AS (as FRR does); VLAN-based service interface only (Ethernet Tag 0, RFC 8365 §5.1.2).
 * Duplicate MACs stay frozen until clearDuplicate (the operator's corrective action, §15.1).
 */
export * from './speaker.js';
export * from './routes.js';
export * from './mobility.js';
export * from './core.js';
