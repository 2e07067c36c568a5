/**
 * Logging: one pino logger per process, children per subsystem.
 * Level comes from config (`log_level`) or the BAMBU_LOG_LEVEL environment variable; default "info".
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Creates the process logger.
 * @param level pino level name ("trace" … "fatal", or "silent").
 * @returns a logger writing JSON lines to stderr (stdout stays free for CLI output).
 */
export function createLogger(level: string = process.env.BAMBU_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { pid: process.pid } }, pino.destination(2));
}

/** A logger that discards everything; for unit tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
