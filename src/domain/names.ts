/** Folds case and accents, so "zurich" finds "Zürich" and "ANN" finds "Ann". */
export function foldName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** `more`: the choice was cut short, and more than `contacts.length` fit the name. */
export type NameMatch<T> =
  | { kind: 'none' }
  | { kind: 'one'; contact: T }
  | { kind: 'many'; contacts: T[]; more?: boolean };

/**
 * Picks the contact a typed name means. A single exact (folded) match wins even when the name
 * is also part of others ("Ann" over "Annabel"); otherwise one partial match, or a choice.
 * Never a guess between several.
 */
export function matchName<T extends { name: string }>(query: string, candidates: T[]): NameMatch<T> {
  const q = foldName(query);
  if (!q) return { kind: 'none' };
  const exact = candidates.filter((c) => foldName(c.name) === q);
  if (exact.length === 1 && exact[0]) return { kind: 'one', contact: exact[0] };
  if (exact.length > 1) return { kind: 'many', contacts: exact };
  const partial = candidates.filter((c) => foldName(c.name).includes(q));
  if (partial.length === 1 && partial[0]) return { kind: 'one', contact: partial[0] };
  if (partial.length > 1) return { kind: 'many', contacts: partial };
  return { kind: 'none' };
}

/**
 * Two names in the order a person expects, ignoring case and accents ("émile" beside "Emile").
 * One collator made once: `localeCompare` with options builds one at every call, which made
 * sorting 200 names 7 ms instead of 0.2.
 */
export const compareNames: (a: string, b: string) => number = new Intl.Collator('en', {
  sensitivity: 'base',
}).compare;
