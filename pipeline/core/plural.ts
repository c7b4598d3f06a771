// A count and its noun, in proper English: "1 document", "2 documents", "0 entries". One helper for
// every message and template (the Handlebars helper `plural` calls it), so no output says "1
// documents" or "problem(s)".

/**
 * `n` followed by `singular` when n is 1, else by `many` (the singular plus "s" unless given):
 * plural(1, 'source') is "1 source", plural(3, 'entry', 'entries') "3 entries".
 */
export function plural(n: number, singular: string, many = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : many}`;
}
