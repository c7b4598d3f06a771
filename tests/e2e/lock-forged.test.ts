// The evidence lock checked against itself (R6): a claim's quote replaced by an invented sentence,
// with only that entry's quoteSha256 changed to match, printed as "verified … by the evidence lock".
// The entry's own recorded passage (its selector) still held the real sentence; now the claim is
// unverified and check fails with E_LOCK_FORGED at the quote. On the real sample lock, in a copy.
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';
import { entryHoldsQuote } from '../../pipeline/anchor/lock-self.ts';
import type { LockEntry } from '../../pipeline/anchor/lock.ts';

const ID = 'roubanis-2024/threat-aversive-iran';
const FAKE = 'Iran is preparing to strike Azerbaijan before the end of 2027.';
let root: string;
let data: string;
let quoteLine: number;

/** Changes the claim's quote, and its entry's quoteSha256 to match, as a forger would. */
async function forge(claimsFile: string, id: string, from: string, to: string): Promise<number> {
  const file = path.join(data, 'claims', claimsFile);
  const lines = (await readFile(file, 'utf8')).split('\n');
  const i = lines.findIndex((l) => l.startsWith(from));
  expect(i, from).toBeGreaterThan(0);
  lines[i] = to;
  await writeFile(file, lines.join('\n'));
  const lockFile = path.join(data, 'anchors.lock');
  const lock = JSON.parse(await readFile(lockFile, 'utf8'));
  const quote = to.replace(/^\s*quote: '/, '').replace(/'$/, '');
  lock.claims[id].quoteSha256 = createHash('sha256').update(quote).digest('hex');
  await writeFile(lockFile, `${JSON.stringify(lock, null, 2)}\n`);
  return i + 1;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'brief-r6-'));
  data = path.join(root, 'data');
  await cp('data', data, { recursive: true });
  quoteLine = await forge('roubanis-2024.yaml', ID, "    quote: 'Iran is not ambitious", `    quote: '${FAKE}'`);
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('a forged evidence lock entry (R6)', () => {
  it('does not vouch for the forged quote: check fails with E_LOCK_FORGED at the quote, the claim unverified', async () => {
    const r = await brief(['check', '--data', data], { BRIEF_TEXTS: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `claims/roubanis-2024\\.yaml:${quoteLine}:\\d+\\s+E_LOCK_FORGED\\s+the evidence lock .* claim "roubanis-2024/threat-aversive-iran"`,
      ),
    );
    expect(r.stderr).toContain('hint: check the quote against the source text with --texts DIR');
    const json = await brief(['check', '--json', '--data', data], { BRIEF_TEXTS: '' });
    const out = JSON.parse(json.stdout) as { anchors?: Record<string, { status: string }> };
    if (out.anchors) expect(out.anchors[ID]?.status).toBe('no-text');
    // Only the forged entry: the other 314 are vouched for as before.
    expect(r.stderr.match(/E_LOCK_FORGED/g)).toHaveLength(1);
  }, 120_000);

  it('holds every real entry of the sample lock to its quote, and none of the altered quotes', async () => {
    const lock = JSON.parse(await readFile('data/anchors.lock', 'utf8')) as { claims: Record<string, LockEntry> };
    const { parse } = await import('yaml');
    const { readdir } = await import('node:fs/promises');
    const quotes = new Map<string, string>();
    for (const f of await readdir('data/claims'))
      for (const c of (
        parse(await readFile(path.join('data/claims', f), 'utf8')) as { claims: { id: string; quote: string }[] }
      ).claims)
        quotes.set(c.id, c.quote);
    const entries = Object.entries(lock.claims);
    expect(entries.length).toBeGreaterThan(300);
    expect(entries.filter(([id, e]) => !entryHoldsQuote(e, quotes.get(id)!)).map(([id]) => id)).toEqual([]);
    // Altered quotes: a digit changed, "not" added, two words swapped.
    const altered = (q: string) =>
      [
        /\d/.test(q) ? q.replace(/\d/, (d) => String((Number(d) + 1) % 10)) : undefined,
        / is /.test(q) ? q.replace(/ is /, ' is not ') : undefined,
        (() => {
          const w = q.split(' ');
          if (w.length < 6 || w[2] === w[3]) return undefined;
          [w[2], w[3]] = [w[3]!, w[2]!];
          return w.join(' ');
        })(),
      ].filter((x): x is string => x !== undefined);
    const accepted = entries
      .filter(([, e]) => e.selector.type === 'TextQuoteSelector' && e.status !== 'fuzzy')
      .flatMap(([id, e]) =>
        altered(quotes.get(id)!)
          .filter((q) => entryHoldsQuote(e, q))
          .map((q) => `${id}: ${q}`),
      );
    expect(accepted).toEqual([]);
  });
});
