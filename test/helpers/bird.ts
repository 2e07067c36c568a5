/**
 * A real BIRD 2 (Debian `bird2`) for interop tests (../shared/spec/test-environment.md):
 *   bird -f -c CONF -s CTLSOCK -P PIDFILE
 * queried with `birdc -s CTLSOCK …`. BIRD refuses a single-hop eBGP neighbour on `lo`, so configs
 * for 127.0.0.x peers use `multihop`.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, startDaemon, type Daemon } from './proc.js';
import { waitFor } from './wait.js';

export const BIRD = '/usr/sbin/bird';

/** A running BIRD. */
export class Bird {
  private constructor(
    readonly dir: string,
    readonly daemon: Daemon,
  ) {}

  /**
   * Starts BIRD with `config` (full bird.conf text).
   * @throws Error when bird is missing, the config is rejected, or the control socket does not answer within 20 s
   */
  static async start(config: string): Promise<Bird> {
    if (!existsSync(BIRD)) throw new Error(`${BIRD} not found: install the Debian package bird2 (scripts/install-deps.sh)`);
    const dir = mkdtempSync(join(tmpdir(), 'bambu-bird-'));
    const conf = join(dir, 'bird.conf');
    writeFileSync(conf, config);
    const parse = run(BIRD, ['-p', '-c', conf], { check: false });
    if (parse.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`bird rejected its config: ${parse.stderr || parse.stdout}`);
    }
    const daemon = startDaemon(BIRD, ['-f', '-c', conf, '-s', join(dir, 'bird.ctl'), '-P', join(dir, 'bird.pid')]);
    const bird = new Bird(dir, daemon);
    try {
      await waitFor('BIRD control socket', () => {
        if (daemon.child.exitCode !== null) throw new Error(`bird exited: ${daemon.output()}`);
        return bird.birdc('show status', false).status === 0;
      }, 20_000);
    } catch (err) {
      await bird.stop();
      throw err;
    }
    return bird;
  }

  /** Runs one birdc command and returns its stdout. */
  birdc(command: string, check = true): { stdout: string; stderr: string; status: number } {
    return run('birdc', ['-s', join(this.dir, 'bird.ctl'), ...command.split(' ')], { check, timeoutMs: 20_000 });
  }

  /** `show protocols all NAME` text. */
  protocol(name: string): string {
    return this.birdc(`show protocols all ${name}`).stdout;
  }

  /** BGP state of protocol `name` ("Established", "Active", "Idle" …). */
  bgpState(name: string): string | undefined {
    return /BGP state:\s+(\S+)/.exec(this.protocol(name))?.[1];
  }

  /** `show route all [table T]` text. */
  routes(table?: string): string {
    return this.birdc(`show route all${table ? ` table ${table}` : ''}`).stdout;
  }

  /** Stops BIRD and removes its directory. */
  async stop(): Promise<void> {
    await this.daemon.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
