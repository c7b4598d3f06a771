// run: the shape of out/.brief/state.json, as a zod schema. Loaded only when a state is written,
// or when one read does not carry the checksum brief wrote it with (to say where it is damaged):
// a build with nothing to do reads the state without loading zod (state.ts).
import { z } from 'zod';
import type { Diagnostic } from '../core/diagnostics.ts';
import { STATE_VERSION } from './state.ts';

const output = z.object({ path: z.string(), size: z.number() });
const hashes = z.record(z.string(), z.string());

export const documentRecord = z.object({
  /** `<report>.<audience>`, the outputs' file name. */
  name: z.string(),
  report: z.string(),
  title: z.string(),
  kind: z.string(),
  audience: z.string(),
  /** The date the document carries. */
  editionDate: z.string(),
  fingerprint: z.string(),
  /** Part key → hash (see fingerprint.ts). */
  parts: hashes,
  /** Every file the document depends on (absolute paths), for "why" and for tests. */
  files: z.array(z.string()),
  /** Template names the render used; their files are resolved again on every build. */
  templates: z.array(z.string()),
  /** Outputs relative to out/, with their size; pdf is null after an HTML-only build. */
  html: output,
  pdf: output.extend({ pages: z.number() }).nullable(),
});

export const packRecord = z.object({
  name: z.string(),
  fingerprint: z.string(),
  /** Part → hash: its definition, its documents, its templates and styles, the tool. */
  parts: hashes,
  editionDate: z.string(),
  /** Its documents in order, with the fingerprint each had. */
  documents: z.array(z.object({ name: z.string(), fingerprint: z.string() })),
  pdf: output.extend({ pages: z.number() }),
  html: output,
});

/** A file as a build saw it: enough to tell, without reading it, that it has not changed. */
export const fileStamp = z.object({ size: z.number(), mtimeMs: z.number(), sha256: z.string() });

const diagnostics = z.array(
  z.custom<Diagnostic>((v) => typeof v === 'object' && v !== null && typeof (v as Diagnostic).code === 'string'),
);

/** Everything the last complete build read, so a build with nothing to do can stop before parsing. */
export const inputSnapshot = z.object({
  /** The options that shape the outputs (folders, filters, flags, a given date). */
  key: z.string(),
  /** Every file the build read or hashed (the world's record, run/world.ts), by absolute path, with the stages that asked. */
  files: z.record(z.string(), fileStamp.extend({ stages: z.array(z.string()) })),
  /** Every folder listed (→ a hash of the names in it), and every path looked for (→ whether it was there). */
  listings: z.record(z.string(), z.string()),
  probes: z.record(z.string(), z.boolean()),
  /** What brief itself, the fonts and the browser were. */
  tool: z.string(),
  fonts: z.string(),
  browser: z.string(),
  /** The documents that build made. */
  documents: z.array(z.string()),
  /** Its warnings, said again when the next build stops at the snapshot. */
  warnings: diagnostics,
});

export const buildState = z.object({
  version: z.literal(STATE_VERSION),
  snapshot: inputSnapshot.optional(),
  documents: z.record(z.string(), documentRecord),
  packs: z.record(z.string(), packRecord),
  /** The browser last used: its identity (path, size, time) and the version it reported. */
  browser: z.object({ identity: z.string(), version: z.string() }).optional(),
});
