import { z } from 'zod';
import { isLocalDate } from '../domain/dates';
/** Parses JSON a client sent back to us (a button value, private_metadata); undefined when it is not JSON. */
export function parseJsonOrUndefined(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A digest named in a button or in private_metadata: by its day, the member being the one who acts. */
export const digestDay = z.string().refine(isLocalDate);
