/**
 * The wire error that resets a session: already shaped as the NOTIFICATION to send
 * (RFC 4271 §6, §4.5). RFC 7606 outcomes that do not reset the session are values on the
 * UpdateMessage (see update-errors.ts), never exceptions.
 */

/**
 * Thrown by decode* for every error that must be answered with a NOTIFICATION and a session reset.
 * `code`/`subcode` are RFC 4271 §4.5 values; `data` is the NOTIFICATION Data field.
 */
export class BgpNotificationError extends Error {
  constructor(
    readonly code: number,
    readonly subcode: number,
    message: string,
    readonly data: Uint8Array = new Uint8Array(0),
  ) {
    super(`${message} (NOTIFICATION ${code}/${subcode})`);
    this.name = 'BgpNotificationError';
  }
}
