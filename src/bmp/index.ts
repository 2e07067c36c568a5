/**
 * BMP exporter (RFC 7854 BGP Monitoring Protocol): bambud connects to monitoring stations and
 * streams Initiation, Peer Up (both OPENs), Route Monitoring of each peer's pre-policy Adj-RIB-In
 * (initial dump + End-of-RIB, then live), Peer Down with the reason, periodic Statistics Reports
 * and Termination.
 *
 * RFC 8671 Adj-RIB-Out monitoring (post-policy, as sent) is opt-in per collector.
 * Deviations: no post-policy Adj-RIB-In, no Loc-RIB (RFC 9069), no Route Mirroring; only the
 * global instance peer type.
 */
export { BmpExporter, type BmpApi, type BmpExporterOptions } from './exporter.js';
export { BmpSession, type MonitorSource } from './session.js';
export * from './wire/messages.js';
