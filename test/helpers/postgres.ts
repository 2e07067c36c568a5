/**
 * A throwaway PostgreSQL server for tests: Debian's `postgresql` binaries (initdb + pg_ctl) in a
 * temp dir, listening on a free loopback port, trust auth, fsync off. As root the server runs as
 * the `postgres` user (runuser). A missing binary is an error, never a skip.
 */
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort, run } from './proc.js';

/** A running server. */
export interface PostgresServer {
  port: number;
  /** Connection URL of database `db` (default "postgres"). */
  url(db?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and removes its directory. Idempotent. */
  stop(): Promise<void>;
}

/** Directory of the newest installed PostgreSQL's binaries. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) {
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (install the Debian "postgresql" package; scripts/install-deps.sh does)');
  }
  versions.sort((a, b) => Number(b) - Number(a));
  return join(root, versions[0]!, 'bin');
}


/**
 * Initializes and starts a server.
 * @throws Error when the binaries are missing or the server does not start (with its log)
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'bambu-pg-'));
  const data = join(dir, 'data');
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    const uid = Number(run('id', ['-u', 'postgres']).stdout.trim());
    const gid = Number(run('id', ['-g', 'postgres']).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const pgRun = (cmd: string, args: string[], check = true) =>
    isRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { check }) : run(join(bin, cmd), args, { check });

  let started = false;
  const stopSync = () => {
    if (started) pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], false);
    started = false;
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);

  try {
    pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    let port = 0;
    for (let attempt = 0; attempt < 5 && !started; attempt++) {
      port = await freePort();
      const r = pgRun('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -h 127.0.0.1 -F -c fsync=off`, 'start'], false);
      started = r.status === 0;
    }
    if (!started) throw new Error(`PostgreSQL did not start: ${run('cat', [join(dir, 'server.log')], { check: false }).stdout}`);
    const url = (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`;
    return {
      port,
      url,
      async createDatabase(name: string) {
        const client = new pg.Client({ connectionString: url() });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
        } finally {
          await client.end();
        }
        return url(name);
      },
      async stop() {
        stopSync();
        process.removeListener('exit', stopSync);
      },
    };
  } catch (err) {
    stopSync();
    process.removeListener('exit', stopSync);
    throw err;
  }
}
