// Benchmark: the claim edited in the "one claim edited" row, the edit itself, and which documents
// cite it, so the documents a build redoes can be checked against them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface EditedClaim {
  id: string;
  file: string;
  quote: string;
  /** Writes the claim edited (`on`) or as it was. */
  set: (on: boolean) => void;
}

/** Whether `text` names the claim `id` (not merely a longer id that starts with it). */
const mentions = (text: string, id: string) =>
  new RegExp(`${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9-])`).test(text);

/** A claim cited in a single report (body or key judgments), and by no event, dataset row or stance table. */
export function pickClaim(root: string): EditedClaim {
  const read = (dir: string) =>
    readdirSync(path.join(root, 'data', dir)).map((n) => readFileSync(path.join(root, 'data', dir, n), 'utf8'));
  const reports = read('reports');
  const elsewhere = [...read('events'), ...read('datasets')].join('\n');
  for (const name of readdirSync(path.join(root, 'data', 'claims')).sort()) {
    const file = path.join(root, 'data', 'claims', name);
    const original = readFileSync(file, 'utf8');
    const claims = (parse(original) as { claims: { id: string; quote: string; stances?: object }[] }).claims;
    for (const claim of claims) {
      if (claim.stances || mentions(elsewhere, claim.id)) continue;
      if (reports.filter((r) => mentions(r, claim.id)).length !== 1) continue;
      const anchor = `- id: ${claim.id}\n    statement: `;
      if (!original.includes(anchor)) continue;
      const edited = original.replace(anchor, `${anchor}Edited for the benchmark. `);
      return { id: claim.id, file, quote: claim.quote, set: (on) => writeFileSync(file, on ? edited : original) };
    }
  }
  throw new Error('no claim is cited by exactly one report');
}

const text = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(
      /&(amp|lt|gt|quot|#39|#x27|nbsp);/g,
      (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'", nbsp: ' ' })[e] ?? ' ',
    )
    .replace(/\s+/g, ' ');

export interface Citing {
  /** Documents whose recorded dependencies (out/.brief/state.json) include the claim. */
  recorded: string[];
  /** Documents that print its quote (in a footnote): those the edit must redo. */
  printing: string[];
  /** Documents of the reports that name it: no other may depend on it. */
  ofReports: string[];
}

/** Who cites `claim` in the build in `root/out`, three ways. Names are `<report>.<audience>`. */
export function citing(
  root: string,
  claim: EditedClaim,
  documents: readonly { report: string; audience: string }[],
): Citing {
  const out = path.join(root, 'out');
  const state = JSON.parse(readFileSync(path.join(out, '.brief', 'state.json'), 'utf8')) as {
    documents: Record<string, { parts: Record<string, string> }>;
  };
  const recorded = Object.entries(state.documents)
    .filter(([, d]) => `claim:${claim.id}` in d.parts)
    .map(([name]) => name);
  const quote = claim.quote.replace(/\s+/g, ' ').trim().slice(0, 80);
  const names = documents.map((d) => `${d.report}.${d.audience}`);
  const printing = names.filter((n) => text(readFileSync(path.join(out, 'html', `${n}.html`), 'utf8')).includes(quote));
  const reports = readdirSync(path.join(root, 'data', 'reports'))
    .filter((f) => mentions(readFileSync(path.join(root, 'data', 'reports', f), 'utf8'), claim.id))
    .map((f) => f.replace(/\.md$/, ''));
  const ofReports = documents.filter((d) => reports.includes(d.report)).map((d) => `${d.report}.${d.audience}`);
  return { recorded: recorded.sort(), printing: printing.sort(), ofReports: ofReports.sort() };
}

/**
 * The redone set against the citing sets. The edit changes the claim's statement, which only a
 * document with notes shows (one without shows the claim's source alone: pipeline/run/fingerprint.ts),
 * so exactly the documents printing its quote must be redone, all of them citing it.
 */
export function checkRedone(redone: readonly string[], c: Citing): string | undefined {
  const r = [...redone].sort();
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(r, c.printing))
    return `redone [${r.join(', ')}] but the documents printing the claim are [${c.printing.join(', ')}]`;
  const unrecorded = r.filter((n) => !c.recorded.includes(n));
  if (unrecorded.length)
    return `${unrecorded.join(', ')} were redone though brief does not record them citing the claim`;
  const stray = c.recorded.filter((n) => !c.ofReports.includes(n));
  if (stray.length) return `brief records ${stray.join(', ')} citing the claim though their report does not name it`;
  return undefined;
}
