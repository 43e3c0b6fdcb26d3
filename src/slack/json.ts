/** Parses JSON a client sent back to us (a button value, private_metadata); undefined when it is not JSON. */
export function parseJsonOrUndefined(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
