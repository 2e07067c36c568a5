/** Progress lines on stderr while the bench runs: rewritten in place on a TTY, every 5 s otherwise. */

const tty = process.stderr.isTTY === true;
let lastPlain = 0;

/** Shows `text` as the current status line (throttled when stderr is not a terminal). */
export function progress(text: string): void {
  if (tty) {
    process.stderr.write(`\r\x1b[2K${text}`);
    return;
  }
  const now = Date.now();
  if (now - lastPlain >= 5000) {
    lastPlain = now;
    process.stderr.write(`${text}\n`);
  }
}

/** Prints a permanent line (ends any in-place status line first). */
export function note(text: string): void {
  if (tty) process.stderr.write('\r\x1b[2K');
  process.stderr.write(`${text}\n`);
  lastPlain = 0;
}
