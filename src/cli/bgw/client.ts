/**
 * Minimal REST client for the border-gateway API (Node's global fetch). Errors carry the API's
 * NeutronError message so the CLI can print it unchanged.
 */

/** Default API endpoint (the `l2gw.listen` default). */
export const DEFAULT_URL = 'http://127.0.0.1:9697';

/** An API call that failed; `message` is the NeutronError message or a transport error. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly type?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Calls /v2.0 resources with an optional X-Auth-Token. */
export class BgwClient {
  private readonly base: string;

  /**
   * @param url   API base URL, e.g. "http://127.0.0.1:9697" (a trailing "/" is ignored)
   * @param token X-Auth-Token to send, if any
   */
  constructor(url: string, private readonly token?: string) {
    this.base = url.replace(/\/+$/, '');
  }

  /**
   * Sends one request.
   * @param path  path under the base URL, e.g. "/v2.0/l2-remote-gateways?name=x"
   * @param body  JSON body (already wrapped), if any
   * @returns the parsed JSON response, or undefined for 204
   * @throws ApiError with the NeutronError message (HTTP status ≥ 400) or "cannot reach …"
   */
  async request<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers['x-auth-token'] = this.token;
    let res: Response;
    try {
      res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
      throw new ApiError(`cannot reach ${this.base}: ${cause}`, 0);
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!res.ok) {
      const ne = (json as { NeutronError?: { type?: string; message?: string } } | undefined)?.NeutronError;
      throw new ApiError(ne?.message ?? `HTTP ${res.status}: ${text.slice(0, 200)}`, res.status, ne?.type);
    }
    return json as T;
  }
}

/** Encodes a path segment (names may contain any character). */
export const seg = (s: string): string => encodeURIComponent(s);
