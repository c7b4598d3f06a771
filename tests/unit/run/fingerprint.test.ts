// run: a document's fingerprint depends on what it holds, never on where the corpus sits: the same
// corpus in two folders gives the same parts (a pack's PDF id and an edition's rebuild rest on it).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClaimAnchor } from '../../../pipeline/anchor/index.ts';
import { selectionParts } from '../../../pipeline/run/fingerprint.ts';
import { selectReport } from '../../../pipeline/select/index.ts';
import { memoryCorpus } from '../../support/memory.ts';

/** The mini corpus in memory, as if in the folder `dir`. */
const miniIn = (dir: string) => memoryCorpus({}, { data: dir });

async function hashes(dir: string): Promise<Record<string, string>> {
  const r = await miniIn(dir).check();
  const out: Record<string, string> = {};
  for (const report of r.model!.reports) {
    for (const id of report.audiences) {
      const sel = selectReport(r.model!, r.anchoring!, report, r.model!.audiences.get(id)!, { allowUnverified: false });
      for (const [key, part] of Object.entries(
        selectionParts(sel, r.model!, r.anchoring!.anchors, path.join(dir, 'anchors.lock')),
      ))
        out[`${report.id}.${id} ${key}`] = part.hash;
    }
  }
  return out;
}

describe('fingerprints', () => {
  it('are the same for the same corpus in two folders, for every document and every part', async () => {
    const [a, b] = ['/memory/brief-fp-a', '/memory/brief-fp-b'];
    const [ha, hb] = [await hashes(a), await hashes(path.join(b, 'nested', 'deeper'))];
    expect(Object.keys(ha).length).toBeGreaterThan(20);
    expect(hb).toEqual(ha);
  });
});

describe('the verification part of a claim', () => {
  it('changes with the locator computed from where the quote stands, which a note prints when the claim writes none', async () => {
    const dir = '/memory/brief-fp-loc';
    const r = await miniIn(dir).check();
    const report = r.model!.reports[0]!;
    const audience = r.model!.audiences.get(report.audiences[0]!)!;
    const sel = selectReport(r.model!, r.anchoring!, report, audience, { allowUnverified: false });
    const claim = sel.footnotes[0]!.claim.id;
    const parts = (anchors: ReadonlyMap<string, ClaimAnchor>) =>
      selectionParts(sel, r.model!, anchors, path.join(dir, 'anchors.lock'))[`evidence:${claim}`]!.hash;
    const before = parts(r.anchoring!.anchors);
    // The same anchor as the evidence lock gives it, with another locator (a heading renamed in the text).
    const moved = new Map(r.anchoring!.anchors);
    moved.set(claim, { ...moved.get(claim)!, via: 'lock', locator: '“Another heading”, para. 9' });
    const same = new Map(moved);
    same.set(claim, { ...moved.get(claim)! });
    expect(parts(moved)).not.toBe(before);
    expect(parts(same)).toBe(parts(moved));
    moved.set(claim, { ...moved.get(claim)!, locator: '“Another heading”, para. 10' });
    expect(parts(moved)).not.toBe(parts(same));
  });
});
