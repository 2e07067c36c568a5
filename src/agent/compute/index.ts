/** Compute-side service: store (SQLite/PostgreSQL) and the RPC service agents talk to. */
export { ComputeService, type HyperSwitchView, type PlugOutcome } from './service.js';
export { ComputeStore, type StoredVif, type StoredInstance } from './store.js';
export { agentMigrations, AGENT_MIGRATION_TABLE } from './migrations.js';
