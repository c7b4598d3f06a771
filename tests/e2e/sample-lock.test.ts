// The sample corpus ships its evidence lock: current against the texts (when ../shared/sources is
// there, as in development and CI), and vouching for every claim in a clone that has no texts.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseLock, serializeLock } from '../../pipeline/anchor/lock-format.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/brief.js');
const LOCK = path.resolve('data/anchors.lock');
const TEXTS = path.resolve('..', 'shared', 'sources');
const HAS_TEXTS = existsSync(TEXTS);

interface CheckJson {
  ok: boolean;
  errors: { code: string; message: string }[];
  warnings: { code: string }[];
  claims: { id: string; anchor: { status: string; via?: string } }[];
}

/** `brief check --json` on the sample corpus, with only the texts named here. */
async function check(args: string[] = []): Promise<{ code: number; doc: CheckJson }> {
  const env = { ...process.env, BRIEF_TEXTS: '' };
  try {
    const r = await run(process.execPath, [BIN, 'check', '--json', ...args], { env, maxBuffer: 50_000_000 });
    return { code: 0, doc: JSON.parse(r.stdout) };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, doc: JSON.parse(err.stdout) };
  }
}

describe('the sample corpus’s evidence lock', () => {
  it('is in the layout brief writes, and copies no long run of the texts', () => {
    const text = readFileSync(LOCK, 'utf8');
    const { lock, diagnostics } = parseLock('data/anchors.lock', text);
    expect(diagnostics).toEqual([]);
    expect(serializeLock(lock!)).toBe(text);
    for (const [id, e] of lock!.claims) {
      const quotes =
        e.selector.type === 'RangeSelector' ? [e.selector.startSelector, e.selector.endSelector] : [e.selector];
      for (const q of quotes) {
        expect(q.prefix.length + q.suffix.length, id).toBeLessThanOrEqual(64);
        expect(q.exact.length, id).toBeLessThanOrEqual(400);
      }
    }
  });

  it('verifies every claim when the texts are absent', async () => {
    const { code, doc } = await check();
    expect(code).toBe(0);
    expect(doc.claims).toHaveLength(315);
    // The team's own working note ships in data/sources/text/: its claims are checked against it, the others by the lock.
    expect(doc.claims.filter((c) => c.anchor.via !== 'lock').map((c) => `${c.id} ${c.anchor.via}`)).toEqual(
      doc.claims.filter((c) => c.id.startsWith('team-note-2026/')).map((c) => `${c.id} text`),
    );
    expect(doc.claims.filter((c) => c.id.startsWith('team-note-2026/'))).toHaveLength(5);
    expect(doc.warnings.filter((w) => w.code === 'W_NO_TEXT')).toEqual([]);
  });

  it.skipIf(!HAS_TEXTS)(
    `is current against the texts in ../shared/sources${HAS_TEXTS ? '' : ' (SKIPPED: that folder is not beside this checkout)'}`,
    async () => {
      const { code, doc } = await check(['--texts', TEXTS]);
      expect(doc.errors).toEqual([]);
      expect(code).toBe(0);
      expect(doc.claims.every((c) => c.anchor.via === 'text')).toBe(true);
    },
  );
});
