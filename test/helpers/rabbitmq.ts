/**
 * A private RabbitMQ broker for tests: Debian's rabbitmq-server started without systemd, with its
 * own node name, mnesia/log directories, Erlang cookie (HOME) and epmd port under a temporary
 * directory, listening on 127.0.0.1 on free ports (AMQP and Erlang distribution). Optionally runs
 * inside a network namespace the test created (then only processes in that namespace reach it).
 * Boot takes several seconds: `startRabbitMQ` polls `rabbitmqctl await_startup`.
 * `stop()` runs `rabbitmqctl stop`, kills what is left, stops the private epmd, removes the directory.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Netns } from './netns.js';
import { freePort, run, startDaemon, type Daemon } from './proc.js';
import { waitFor } from './wait.js';

/** A running private broker. */
export interface RabbitBroker {
  /** oslo transport URL: `rabbit://guest:guest@127.0.0.1:PORT/`. */
  url: string;
  port: number;
  nodename: string;
  dir: string;
  /** Environment for rabbitmqctl and the broker (cookie, node name, epmd port). */
  env: NodeJS.ProcessEnv;
  /** Runs `rabbitmqctl -n NODE args…` (inside the namespace, if any); returns stdout. */
  ctl(args: string[]): string;
  stop(): Promise<void>;
}


/**
 * Starts a broker.
 * @param ns run it inside this namespace (optional)
 * @throws Error when rabbitmq-server is missing or does not boot within 120 s (with its log)
 */
export async function startRabbitMQ(ns?: Netns): Promise<RabbitBroker> {
  const dir = mkdtempSync(join(tmpdir(), 'bambu-rmq-'));
  const [port, distPort, epmdPort] = [await freePort(), await freePort(), await freePort()];
  const nodename = `bambu${process.pid}x${port}@localhost`;
  writeFileSync(join(dir, 'enabled_plugins'), '[].\n');
  writeFileSync(join(dir, 'rabbitmq-env.conf'), '');
  writeFileSync(join(dir, '.erlang.cookie'), `BAMBUTEST${randomBytes(12).toString('hex').toUpperCase()}`, { mode: 0o400 });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dir,
    RABBITMQ_NODENAME: nodename,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    ERL_EPMD_PORT: String(epmdPort),
    ERL_EPMD_ADDRESS: '127.0.0.1',
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_CONF_ENV_FILE: join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq'),
    RABBITMQ_ADVANCED_CONFIG_FILE: join(dir, 'advanced.config'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_PID_FILE: join(dir, 'rabbitmq.pid'),
  };
  const wrap = (cmd: string, args: string[]): [string, string[]] => (ns ? ns.wrap(cmd, args) : [cmd, args]);
  const [cmd, args] = wrap('/usr/lib/rabbitmq/bin/rabbitmq-server', []);
  const daemon: Daemon = startDaemon(cmd, args, { env, detached: true });
  const ctl = (a: string[]) => {
    const [c, ca] = wrap(RABBITMQCTL, ['-q', '-n', nodename, ...a]);
    return run(c, ca, { env, timeoutMs: 60_000 }).stdout;
  };
  let stopped = false;
  const broker: RabbitBroker = {
    url: `rabbit://guest:guest@127.0.0.1:${port}/`,
    port,
    nodename,
    dir,
    env,
    ctl,
    async stop() {
      if (stopped) return;
      stopped = true;
      live.delete(broker);
      try {
        ctl(['stop']);
      } catch {
        // already down or unreachable: killed below
      }
      if (daemon.child.pid && daemon.child.exitCode === null) {
        try {
          process.kill(-daemon.child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
      await daemon.stop('SIGKILL');
      killEpmd();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  /**
   * Stops the private epmd. It refuses `-kill` while the just-killed node is still registered
   * (the registration goes when epmd notices the closed socket), so retry until `-names` no longer
   * reaches it (at most ~5 s).
   */
  function killEpmd(): void {
    const [ec, kill] = wrap('epmd', ['-port', String(epmdPort), '-kill']);
    const [, names] = wrap('epmd', ['-port', String(epmdPort), '-names']);
    for (let i = 0; i < 50; i++) {
      run(ec, kill, { env, check: false });
      if (run(ec, names, { env, check: false }).status !== 0) return;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  live.set(broker, () => {
    try {
      if (daemon.child.pid) process.kill(-daemon.child.pid, 'SIGKILL');
    } catch {
      // gone
    }
    killEpmd();
    rmSync(dir, { recursive: true, force: true });
  });
  try {
    await waitFor(
      'rabbitmq-server to boot',
      () => {
        if (daemon.child.exitCode !== null) throw new Error(`rabbitmq-server exited ${daemon.child.exitCode}: ${daemon.output().slice(-2000)}`);
        const [c, ca] = wrap(RABBITMQCTL, ['-q', '-n', nodename, '--timeout', '5', 'await_startup']);
        return run(c, ca, { env, check: false, timeoutMs: 15_000 }).status === 0;
      },
      120_000,
      500,
    );
  } catch (err) {
    const out = daemon.output().slice(-3000);
    await broker.stop();
    throw new Error(`${(err as Error).message}\n${out}`);
  }
  return broker;
}

/** Brokers still running → a synchronous last-resort kill for abnormal exits. */
const live = new Map<RabbitBroker, () => void>();
/** Debian's /usr/sbin/rabbitmqctl switches to the rabbitmq user (and its cookie): call the real one. */
const RABBITMQCTL = '/usr/lib/rabbitmq/bin/rabbitmqctl';
process.on('exit', () => {
  for (const kill of live.values()) kill();
});
