// anchor: a match must stand on word boundaries: "likely" is not in "unlikely", "500 troops"
// not in "2,500 troops", "nuclear" not in "non-nuclear", "15" not in "150".

const word = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{Nd}]/u.test(ch);
const digit = (ch: string | undefined) => ch !== undefined && /\p{Nd}/u.test(ch);
const letter = (ch: string | undefined) => ch !== undefined && /\p{L}/u.test(ch);

/** Would a match of `quote` at [start, end) of `text` cut a word or a number? */
export function onBoundaries(text: string, start: number, end: number, quote: string, skipStart = false): boolean {
  const first = quote[0];
  const last = quote.at(-1);
  const cuts = (
    inside: string | undefined,
    joint: string | undefined,
    beyond: string | undefined,
    edge: string | undefined,
  ) =>
    (word(edge) && word(inside)) ||
    (digit(edge) && (joint === ',' || joint === '.') && digit(beyond)) ||
    (letter(edge) && joint === '-' && letter(beyond));
  const left = !skipStart && cuts(text[start - 1], text[start - 1], text[start - 2], first);
  const right = cuts(text[end], text[end], text[end + 1], last);
  return !left && !right;
}
