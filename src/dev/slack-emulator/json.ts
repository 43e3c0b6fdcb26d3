/** Narrowing helpers for request bodies, which arrive as untyped JSON or form strings. */

export type Args = Record<string, unknown>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string argument; form bodies carry numbers as strings and JSON bodies may carry them as numbers. */
export function stringArg(args: Args, key: string): string | undefined {
  const value = args[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** A boolean argument; form bodies carry it as 'true' / 'false' / '1' / '0'. */
export function boolArg(args: Args, key: string): boolean | undefined {
  const value = args[key];
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  return undefined;
}

/** A deep copy, so callers can never mutate what the emulator stores (and vice versa). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
