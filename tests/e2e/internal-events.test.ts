// End to end, R1: an event whose evidence is all internal did reach the public chronology (title,
// date, note, timeline, coverage). Every output of the public build is read back (PDF text, PDF
// metadata and bookmarks, HTML); the analyst build still has the event.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { $ } from 'zx';
import { afterAll, describe, expect, it } from 'vitest';
import { brief } from '../support/cli.ts';
import { pdfInfo, pdfText } from '../support/pdf.ts';

const TEXTS = process.env.BRIEF_TEXTS || path.resolve('..', 'shared', 'sources');
const NEEDLES = ['ZZSECRET', 'secret-internal-event'];

const EVENT = `
- id: secret-internal-event
  date: "2024-05"
  title: ZZSECRET internal-only event title
  category: military-exercise
  actors: [AZ, IR]
  evidence: [team-note-2026/exercise-cycle]
  note: ZZSECRETNOTE internal note on the event.
`;

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Every output a reader gets (not brief's own state under .brief/), file by file, as a reader's tools read it. */
async function everyOutput(out: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const f of await readdir(out, { recursive: true })) {
    if (f.split(path.sep).some((part) => part.startsWith('.'))) continue;
    const file = path.join(out, f);
    if (f.endsWith('.pdf')) {
      texts.set(
        f,
        [
          await pdfText(file),
          JSON.stringify(await pdfInfo(file)),
          (await $`qpdf --qdf --object-streams=disable ${file} -`.quiet()).stdout,
        ].join('\n'),
      );
    } else if (/\.(html|json|md|svg|txt)$/.test(f)) texts.set(f, await readFile(file, 'utf8'));
  }
  return texts;
}

describe('an event whose evidence is all internal (R1)', () => {
  it.skipIf(!existsSync(TEXTS))(
    'is left out of the public chronology, its timeline and counts, with W_EVENT_OMITTED; a turning point naming it goes with it',
    async () => {
      const root = await mkdtemp(path.join(tmpdir(), 'brief-r1-'));
      dirs.push(root);
      const data = path.join(root, 'data');
      await cp('data', data, { recursive: true });
      const events = path.join(data, 'events/2022-2025.yaml');
      await writeFile(events, (await readFile(events, 'utf8')) + EVENT);
      const report = path.join(data, 'reports/chronology.md');
      await writeFile(
        report,
        (await readFile(report, 'utf8')).replace(
          'periods:\n',
          '  - event: secret-internal-event\n    why: ZZSECRETWHY the exercise the team saw.\nperiods:\n',
        ),
      );
      const eventLine = (await readFile(events, 'utf8')).split('\n').indexOf('- id: secret-internal-event') + 1;

      const pub = await brief([
        'build',
        '--data',
        data,
        '--texts',
        TEXTS,
        '--out',
        path.join(root, 'public'),
        '--report',
        'chronology',
        '--audience',
        'public',
      ]);
      expect(pub.stderr).not.toContain('E_');
      expect(pub.code).toBe(0);
      expect(pub.stderr).toMatch(
        new RegExp(
          `events/2022-2025\\.yaml:${eventLine}:\\d+\\s+W_EVENT_OMITTED\\s+warning: event "secret-internal-event"`,
        ),
      );
      expect(pub.stderr).toMatch(/reports\/chronology\.md:\d+:\d+\s+W_EVENT_OMITTED\s+warning: turning point 7 /);
      const everything = await everyOutput(path.join(root, 'public'));
      expect(everything.size).toBeGreaterThan(1);
      for (const [file, text] of everything)
        for (const needle of NEEDLES) expect.soft(text, `${needle} in ${file}`).not.toContain(needle);
      const analyst = await brief([
        'build',
        '--data',
        data,
        '--texts',
        TEXTS,
        '--out',
        path.join(root, 'analyst'),
        '--report',
        'chronology',
        '--audience',
        'analyst',
      ]);
      expect(analyst.code).toBe(0);
      expect(analyst.stderr).not.toContain('W_EVENT_OMITTED');
      const analystText = [...(await everyOutput(path.join(root, 'analyst'))).values()].join('\n');
      expect(analystText).toContain('ZZSECRET internal-only event title');
      expect(analystText).toContain('ZZSECRETWHY');
    },
    240_000,
  );
});
