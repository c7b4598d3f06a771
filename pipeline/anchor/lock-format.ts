// anchor: the evidence lock's text ↔ AnchorLock. JSON with a fixed key order and 2-space indent, entries
// sorted by claim id, so a change to one claim is a change to a few lines of a diff; every problem located.
import { z } from 'zod';
import { diagnostic, type Diagnostic, type SourcePos } from '../core/diagnostics.ts';
import { lineColumnAt } from '../core/paths.ts';
import { locate, parseYaml, type PathKey } from '../core/yaml-positions.ts';
import { LOCK_OFFSETS, LOCK_VERSION, LockedStatus, type AnchorLock, type LockEntry } from './lock.ts';
import type { RangeSelector, TextQuoteSelector } from './selector.ts';

const hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hexadecimal');
const offset = z.number().int().min(0);
const Quote = z.strictObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1),
  prefix: z.string(),
  suffix: z.string(),
});
const Range = z.strictObject({ type: z.literal('RangeSelector'), startSelector: Quote, endSelector: Quote });
const Entry = z
  .strictObject({
    source: z.string().min(1),
    quoteSha256: hex,
    text: z.strictObject({ file: z.string().min(1), sha256: hex }),
    status: z.enum(Object.values(LockedStatus)),
    score: z.number().min(0).max(1).optional(),
    elided: z.literal(true).optional(),
    start: offset,
    end: offset,
    locator: z.string().min(1).optional(),
    selector: z.discriminatedUnion('type', [Quote, Range]),
  })
  .refine((e) => e.end > e.start, { message: 'end must come after start', path: ['end'] });
const LockFile = z.strictObject({
  version: z.literal(LOCK_VERSION),
  offsets: z.literal(LOCK_OFFSETS),
  claims: z.record(z.string().min(1), Entry),
});

const quote = (q: TextQuoteSelector) => ({
  type: 'TextQuoteSelector',
  exact: q.exact,
  prefix: q.prefix,
  suffix: q.suffix,
});
const selector = (s: TextQuoteSelector | RangeSelector) =>
  s.type === 'RangeSelector'
    ? { type: 'RangeSelector', startSelector: quote(s.startSelector), endSelector: quote(s.endSelector) }
    : quote(s);

/** Entries in a fixed key order, whatever order they were built in. */
function ordered(e: LockEntry): Record<string, unknown> {
  return {
    source: e.source,
    quoteSha256: e.quoteSha256,
    text: { file: e.text.file, sha256: e.text.sha256 },
    status: e.status,
    ...(e.score === undefined ? {} : { score: e.score }),
    ...(e.elided ? { elided: true } : {}),
    start: e.start,
    end: e.end,
    ...(e.locator === undefined ? {} : { locator: e.locator }),
    selector: selector(e.selector),
  };
}

export function serializeLock(lock: AnchorLock): string {
  const claims = Object.fromEntries([...lock.claims.keys()].sort().map((id) => [id, ordered(lock.claims.get(id)!)]));
  return `${JSON.stringify({ version: LOCK_VERSION, offsets: LOCK_OFFSETS, claims }, null, 2)}\n`;
}

const HINT =
  'the lock is written by `brief lock`: restore it from version control, or run `brief lock` with the texts at hand to write it afresh';
/** A problem list this long says the file is not a lock at all; more would be noise. */
const MAX_PROBLEMS = 5;

/** Where JSON.parse stopped, from its message ("… at position 42" or "(line 3 column 5)"); else the start. */
function syntaxPosition(file: string, text: string, message: string): SourcePos {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { file, line: Number(lc[1]), column: Number(lc[2]) };
  const at = /at position (\d+)/.exec(message);
  if (at) return { file, ...lineColumnAt(text, Number(at[1])) };
  if (/end of JSON input/.test(message)) return { file, ...lineColumnAt(text, text.length) };
  return { file, line: 1, column: 1 };
}

/** The lock file's text → AnchorLock, or E_LOCK_SYNTAX diagnostics (`file` is the path as shown). */
export function parseLock(file: string, text: string): { lock: AnchorLock | undefined; diagnostics: Diagnostic[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    return {
      lock: undefined,
      diagnostics: [
        diagnostic(
          syntaxPosition(file, text, message),
          'E_LOCK_SYNTAX',
          `the evidence lock is not valid JSON: ${message}`,
          HINT,
        ),
      ],
    };
  }
  const result = LockFile.safeParse(json);
  if (result.success) {
    return {
      lock: { claims: new Map(Object.entries(result.data.claims).map(([id, e]) => [id, e as LockEntry])) },
      diagnostics: [],
    };
  }
  // JSON is YAML: its parser gives each value's position.
  const src = parseYaml(file, text).value;
  const where = (path: readonly PathKey[]): SourcePos => (src ? locate(src, path) : { file, line: 1, column: 1 });
  const issues = result.error.issues;
  const diagnostics = issues.slice(0, MAX_PROBLEMS).map((issue, i) => {
    const path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
    const field = path.length ? path.map((k) => (typeof k === 'number' ? `[${k}]` : k)).join(' › ') : 'the file';
    const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    const more =
      i === MAX_PROBLEMS - 1 && issues.length > MAX_PROBLEMS
        ? `; and ${issues.length - MAX_PROBLEMS} more problems`
        : '';
    const what =
      issue.code === 'invalid_type' && /received undefined$/.test(issue.message)
        ? `missing (${issue.expected} expected)`
        : `${issue.message}${keys}`;
    return diagnostic(
      where(path),
      'E_LOCK_SYNTAX',
      `the evidence lock is not in the shape brief writes: ${field}: ${what}${more}`,
      HINT,
    );
  });
  return { lock: undefined, diagnostics };
}
