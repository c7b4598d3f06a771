// core: "did you mean …?" — the nearest candidate to a misspelt id or key.
// Hand-written: a 20-line Levenshtein is smaller than any dependency for it.

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate within a third of the word's length, or undefined. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.ceil(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** A hint sentence: `did you mean "x"?`, or the fallback when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>, fallback: string): string {
  const list = [...candidates];
  const best = nearest(word, list);
  if (best !== undefined) return `did you mean "${best}"?`;
  return fallback;
}
