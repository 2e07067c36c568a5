/**
 * BMP exporter (RFC 7854 BGP Monitoring Protocol): bambud connects to monitoring stations and
 * streams Initiation, Peer Up (both OPENs), Route Monitoring of each peer's pre-policy Adj-RIB-In
 * (initial dump + End-of-RIB, then live), Peer Down with the reason, periodic Statistics Reports
 * and Termination.
 *
 * Deviations: RFC 8671 (Adj-RIB-Out monitoring) and post-policy Adj-RIB-In (L flag) are not sent;
 * only the global instance peer type is used; no Route Mirroring.
 */
export { BmpExporter, type BmpApi, type BmpExporterOptions } from './exporter.js';
export { BmpSession, type MonitorSource } from './session.js';
export * from './wire/messages.js';
