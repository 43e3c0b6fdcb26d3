/**
 * The word a typo most likely meant, among `words`: the one fewest edits away (a swap of two
 * neighbouring letters counts as one edit, so "lsit" is one from "list"), or one the typed word
 * begins ("sett" for "settings"). Undefined when nothing is close: a suggestion that is a stretch
 * reads as a guess, and the pointer to help serves better.
 */
export function closestWord(typed: string, words: readonly string[]): string | undefined {
  const word = typed.toLowerCase();
  if (!word) return undefined;
  // Short words have few letters to spare: one edit for up to five letters, two beyond.
  const allowed = word.length <= 5 ? 1 : 2;
  let best: { word: string; distance: number } | undefined;
  for (const candidate of words) {
    const distance = word.length >= 3 && candidate.startsWith(word) ? 0 : editDistance(word, candidate);
    if (distance <= allowed && (!best || distance < best.distance)) best = { word: candidate, distance };
  }
  return best?.word;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = d;
    }
  }
  return at(a.length, b.length);
}
