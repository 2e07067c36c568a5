/** In-process harness for the bgw REST API: buildBgwApi + fastify inject(), tokens for two projects and an admin. */
import type { FastifyInstance } from 'fastify';
import { buildBgwApi } from '../../../src/bgw/api/index.js';
import type { BgwStore } from '../../../src/bgw/store/index.js';
import { silentLogger } from '../../../src/lib/log.js';

/** Configured tokens: ADMIN (project p0, admin), P1 and P2 (plain members). */
export const TOKENS = { ADMIN: 'tok-admin', P1: 'tok-p1', P2: 'tok-p2' } as const;

/** A response as the tests see it. */
export interface Res {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A client bound to one API instance. */
export interface Harness {
  app: FastifyInstance;
  /** Sends a request with X-Auth-Token `token` (null: no header) and a JSON body. */
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, token?: string | null): Promise<Res>;
}

/** Builds the API over `store` (noauth off unless asked). */
export function harness(store: BgwStore, noauth = false): Harness {
  const app = buildBgwApi(store, {
    noauth,
    tokens: [
      { token: TOKENS.ADMIN, project_id: 'p0', admin: true },
      { token: TOKENS.P1, project_id: 'p1', admin: false },
      { token: TOKENS.P2, project_id: 'p2', admin: false },
    ],
    log: silentLogger,
  });
  return {
    app,
    async call(method, url, body, token = TOKENS.P1) {
      const headers: Record<string, string> = {};
      if (token !== null) headers['x-auth-token'] = token;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const r = await app.inject({ method, url, headers, payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
      return { status: r.statusCode, body: r.body === '' ? undefined : r.json() };
    },
  };
}

/** Asserts-free helper: the NeutronError message of a response ('' if none). */
export const errorMessage = (r: Res): string => (r.body?.NeutronError?.message as string | undefined) ?? '';
