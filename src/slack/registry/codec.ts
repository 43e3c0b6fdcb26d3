import { z } from 'zod';
import { isDateInRange } from '../../domain/dates';
import { cleanLine } from '../../domain/text-input';

/**
 * How a value travels through Slack and back (a button's value, a modal's private_metadata): the
 * view encodes it, the listener decodes it. What comes back is only a claim, so decoding checks it
 * with zod and answers null for anything malformed.
 */
export interface Codec<T> {
  /** undefined: the value is left out (a button that carries none). */
  encode(value: T): string | undefined;
  decode(raw: string | undefined): T | null;
}

/** A codec that always writes a value (private_metadata is a string). */
export interface TextCodec<T> extends Codec<T> {
  encode(value: T): string;
}

/** A bare positive id, as text: what most contact buttons carry. */
export const idCodec: TextCodec<number> = {
  encode: (id) => String(id),
  decode: (raw) => {
    const parsed = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).safeParse(raw);
    return parsed.success ? parsed.data : null;
  },
};

/** No value at all: the action id says everything. */
export const noCodec: Codec<null> = { encode: () => undefined, decode: () => null };

/** Compact JSON checked by `schema` on the way back; every string in it cleaned to one line as it is read. */
export function jsonCodec<S extends z.ZodType>(schema: S): TextCodec<z.infer<S>> {
  return {
    encode: (value) => JSON.stringify(value),
    decode: (raw) => {
      if (!raw) return null;
      let data: unknown;
      try {
        data = JSON.parse(raw, (_key, value) => (typeof value === 'string' ? cleanLine(value) : value));
      } catch {
        return null;
      }
      const parsed = schema.safeParse(data);
      return parsed.success ? parsed.data : null;
    },
  };
}

/** A positive id inside a JSON value. */
export const jsonId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** A digest named by its day; the member is always whoever acts, so a copied value reaches only their own. */
export const digestDay = z.string().refine(isDateInRange);
