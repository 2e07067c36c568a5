/**
 * Output helpers shared by every CLI module: human tables or JSON for scripts, and error exit.
 */
import Table from 'cli-table3';

/**
 * Prints rows as a table (people) or JSON (scripts).
 * @param rows    objects to print
 * @param columns keys to show in the table, in order
 * @param json    true → JSON array of the full objects on stdout
 */
export function printRows(rows: ReadonlyArray<Record<string, unknown>>, columns: string[], json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  const table = new Table({ head: columns, style: { head: [], border: [] } });
  for (const r of rows) table.push(columns.map((c) => formatCell(r[c])));
  process.stdout.write(table.toString() + '\n');
}

/** Prints one object as a two-column Field/Value table, or JSON. */
export function printObject(obj: Record<string, unknown>, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(obj, null, 2) + '\n');
    return;
  }
  const table = new Table({ head: ['Field', 'Value'], style: { head: [], border: [] } });
  for (const [k, v] of Object.entries(obj)) table.push([k, formatCell(v)]);
  process.stdout.write(table.toString() + '\n');
}

function formatCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Prints `bambu: <message>` to stderr and exits with status 1. */
export function fail(message: string): never {
  process.stderr.write(`bambu: ${message}\n`);
  process.exit(1);
}
