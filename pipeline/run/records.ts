// run: the records a build leaves in out/: build.json (the documents of this build), anchors.json
// (where each quote was found) and .brief/state.json (fingerprints, for the next build).
import path from 'node:path';
import type { Anchoring } from '../anchor/index.ts';
import type { Model } from '../model/index.ts';
import type { Staging } from './staging.ts';
import { type BuildState, type DocumentRecord, STATE_FILE, stateText } from './state.ts';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function anchorRecord(model: Model, anchoring: Anchoring) {
  const texts = Object.fromEntries(
    [...anchoring.texts].map(([id, t]) => [id, { file: path.basename(t.file), sha256: t.sha256 }]),
  );
  const claims = Object.fromEntries(
    [...model.claims.values()].map((c) => [c.id, { source: c.source, ...anchoring.anchors.get(c.id) }]),
  );
  return { offsets: 'UTF-16 code units', texts, claims };
}

export async function writeRecords(
  staging: Staging,
  state: BuildState,
  documents: readonly DocumentRecord[],
  model: Model,
  anchoring: Anchoring,
): Promise<void> {
  await staging.write(`.brief/${STATE_FILE}`, await stateText(state));
  await staging.write(
    'build.json',
    json({
      documents: documents.map((d) => ({
        name: d.name,
        report: d.report,
        kind: d.kind,
        audience: d.audience,
        editionDate: d.editionDate,
        fingerprint: d.fingerprint,
        html: d.html.path,
        pdf: d.pdf?.path ?? null,
        pages: d.pdf?.pages ?? null,
      })),
    }),
  );
  // Where each quote was found, with its selector and the hash of the text, so a changed
  // source can be detected and its claims re-anchored.
  await staging.write('anchors.json', json(anchorRecord(model, anchoring)));
}
