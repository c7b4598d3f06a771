// print: a PDF content stream read as operators, each with the byte range it spans (operands
// included), so a pass can insert around an operator and leave every other byte as it was.

type Operand =
  | { readonly kind: 'string'; readonly bytes: readonly number[] }
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'other' };

export interface Operator {
  readonly op: string;
  /** Offset of its first operand (or of the operator when it has none). */
  readonly start: number;
  /** Offset just after the operator. */
  readonly end: number;
  /** Arrays and dictionaries are flattened: their members follow one another. */
  readonly operands: readonly Operand[];
}

// 1: white space, 2: delimiter, by byte value (a table: this loop runs over every byte).
const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;
const KEYWORDS = new Set(['true', 'false', 'null']);
const ESCAPES: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Reads a literal string starting at `i` (the "("); returns its bytes and the offset after ")". */
function literal(s: Uint8Array, i: number): [number[], number] {
  const out: number[] = [];
  let nest = 1;
  i++;
  while (i < s.length) {
    const c = s[i]!;
    if (c === 92) {
      const d = s[i + 1]!;
      const ch = String.fromCharCode(d);
      if (ch in ESCAPES) {
        out.push(ESCAPES[ch]!);
        i += 2;
      } else if (d >= 48 && d <= 55) {
        let j = i + 1;
        let v = 0;
        while (j < i + 4 && s[j]! >= 48 && s[j]! <= 55) v = v * 8 + s[j++]! - 48;
        out.push(v & 255);
        i = j;
      } else if (d === 13 || d === 10) i += d === 13 && s[i + 2] === 10 ? 3 : 2;
      else {
        out.push(d);
        i += 2;
      }
      continue;
    }
    if (c === 40) nest++;
    else if (c === 41 && --nest === 0) return [out, i + 1];
    out.push(c);
    i++;
  }
  return [out, i];
}

const hexValue = (c: number) => (c <= 57 ? c - 48 : (c | 32) - 87);

function hexString(s: Uint8Array, i: number): [number[], number] {
  const out: number[] = [];
  let high = -1;
  i++;
  while (i < s.length && s[i] !== 62) {
    const c = s[i++]!;
    if (!isHex(c)) continue;
    if (high < 0) high = hexValue(c);
    else {
      out.push((high << 4) | hexValue(c));
      high = -1;
    }
  }
  if (high >= 0) out.push(high << 4);
  return [out, i + 1];
}

// Operand kinds as the reader keeps them until an operator shows whether they are wanted.
const NUMBER = 0;
const NAME = 1;
const OTHER = 2;
const STRING = 3;
const NONE: readonly Operand[] = Object.freeze([]);

/**
 * Every operator of a content stream, in order. Inline images (BI … ID … EI) are one operator "BI".
 * `operandsOf`: the operators whose operands are wanted; every other one gets none. Most of a
 * stream is coordinates, and an object for each made a third of the finishing pass garbage.
 */
export function operators(s: Uint8Array, operandsOf?: ReadonlySet<string>): Operator[] {
  // Words are sliced from the stream read once as Latin-1: String.fromCharCode(...bytes) for each
  // word was a third of the finishing pass's CPU.
  const text = Buffer.from(s.buffer, s.byteOffset, s.byteLength).toString('latin1');
  const ops: Operator[] = [];
  // The operands so far, as kinds and spans (a string already read, as its bytes): `n` of them,
  // in arrays reused from one operator to the next.
  const kinds: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const strings: (number[] | undefined)[] = [];
  let n = 0;
  const pending = (kind: number, a: number, b: number, bytes?: number[]) => {
    kinds[n] = kind;
    from[n] = a;
    to[n] = b;
    strings[n++] = bytes;
  };
  const operandsFor = (op: string): readonly Operand[] => {
    if (n === 0 || (operandsOf && !operandsOf.has(op))) {
      n = 0;
      return NONE;
    }
    const list: Operand[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const kind = kinds[k];
      list[k] =
        kind === STRING
          ? { kind: 'string', bytes: strings[k]! }
          : kind === NAME
            ? { kind: 'name', name: text.slice(from[k]! + 1, to[k]) }
            : kind === NUMBER
              ? { kind: 'number', value: Number(text.slice(from[k], to[k])) }
              : { kind: 'other' };
    }
    n = 0;
    return list;
  };
  let start = -1;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (CLASS[c] === 1) {
      i++;
      continue;
    }
    if (c === 37) {
      while (i < s.length && s[i] !== 10 && s[i] !== 13) i++;
      continue;
    }
    if (start < 0) start = i;
    if (c === 40) {
      const [bytes, next] = literal(s, i);
      pending(STRING, i, next, bytes);
      i = next;
    } else if (c === 60 && s[i + 1] === 60) i += 2;
    else if (c === 62 && s[i + 1] === 62) i += 2;
    else if (c === 60) {
      const [bytes, next] = hexString(s, i);
      pending(STRING, i, next, bytes);
      i = next;
    } else if (c === 91 || c === 93 || c === 123 || c === 125) i++;
    else {
      let j = i + 1;
      while (j < s.length && CLASS[s[j]!] === 0) j++;
      if (c === 47) pending(NAME, i, j);
      else if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) pending(NUMBER, i, j);
      else {
        const word = text.slice(i, j);
        if (KEYWORDS.has(word)) pending(OTHER, i, j);
        else {
          if (word === 'BI') j = inlineImageEnd(text, j);
          ops.push({ op: word, start, end: j, operands: operandsFor(word) });
          start = -1;
        }
      }
      i = j;
    }
  }
  return ops;
}

/** The offset just after the EI that ends an inline image whose BI ends at `i`. */
function inlineImageEnd(text: string, i: number): number {
  const id = text.slice(i).search(/\sID[\s]/);
  if (id < 0) return text.length;
  const data = i + id + 4;
  const ei = /\sEI(?=[\s]|$)/g;
  ei.lastIndex = data;
  const m = ei.exec(text);
  return m ? m.index + 3 : text.length;
}

/** A ToUnicode CMap as a map from character code to text (bfchar and bfrange entries). */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    let out = '';
    for (let k = 0; k + 4 <= hex.length; k += 4) out += String.fromCharCode(Number.parseInt(hex.slice(k, k + 4), 16));
    if (hex.length === 2) out = String.fromCharCode(Number.parseInt(hex, 16));
    return out;
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g))
      map.set(Number.parseInt(m[1]!, 16), utf16(m[2]!));
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      const lo = Number.parseInt(m[1]!, 16);
      const hi = Number.parseInt(m[2]!, 16);
      if (m[3]!.startsWith('[')) {
        const dsts = [...m[3]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((d) => utf16(d[1]!));
        for (let k = 0; k <= hi - lo && k < dsts.length; k++) map.set(lo + k, dsts[k]!);
      } else {
        const first = utf16(m[3]!.slice(1, -1));
        const last = first.charCodeAt(first.length - 1);
        for (let k = 0; k <= hi - lo && k < 65536; k++)
          map.set(lo + k, first.slice(0, -1) + String.fromCharCode(last + k));
      }
    }
  }
  return map;
}
