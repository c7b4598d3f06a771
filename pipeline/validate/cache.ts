// validate: what a file's own checks found, kept by the hash of its text in the parse cache
// (core/parse-cache.ts: in memory for watch, on disk for `brief check`, run/check-cache.ts), so a
// check after an edit checks again only the files that changed. Kept: the value a schema gave for
// a part of a file that passed it (zod), and the problems Vega-Lite's schema found in a chart (ajv).
// Not kept: a part that failed (its diagnostics come from zod's error; errors are the exception),
// and whatever reads more than one file (references, duplicates, datasets' tables): that always runs.
// Positions are not kept either: a diagnostic is made afresh from the file as it is now, so it
// reads exactly as a fresh check's.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ParseCache } from '../core/parse-cache.ts';
import type { PathKey, YamlSource } from '../core/yaml-positions.ts';
import {
  ActorsFile,
  AudiencesFile,
  ChartSpec,
  Claim,
  DatasetSidecar,
  Event,
  PackFile,
  PerspectivesFile,
  QuestionsFile,
  ReportFrontMatter,
  SourceFrontMatter,
} from './schemas.ts';

/**
 * Part of every key: raised whenever what a schema gives for a value, or what the chart check
 * finds, could change (a schema, zod); an entry of another version is never read, and dropped
 * when the cache is next written. Compiled (dist/), the name of the chunk this module is in goes
 * with it: esbuild names a chunk by the hash of its content and of the chunks it imports, so an
 * edited schema is a new validator even when no one raised the number.
 */
export const VALIDATOR_VERSION = `1@${path.basename(fileURLToPath(import.meta.url))}`;

/** The schemas whose results are kept, by a name that is part of the key. */
const NAMES = new Map<unknown, string>([
  [Claim, 'claim'],
  [Event, 'event'],
  [SourceFrontMatter, 'source'],
  [DatasetSidecar, 'dataset'],
  [ChartSpec, 'chart'],
  [ReportFrontMatter, 'report'],
  [PackFile, 'pack'],
  [ActorsFile.element, 'actor'],
  [PerspectivesFile.element, 'perspective'],
  [QuestionsFile.element, 'question'],
  [AudiencesFile.element, 'audience'],
]);

/**
 * The key of what `what` found at `at` in `src`; undefined when it is not kept: the file was not
 * read through a cache (it has no hash), or the schema is not one of those named above.
 */
export function checkKey(what: unknown, src: YamlSource, at: readonly PathKey[] = []): string | undefined {
  const name = typeof what === 'string' ? what : NAMES.get(what);
  if (!src.hash || !name) return undefined;
  return `validate:${VALIDATOR_VERSION}:${name}:${JSON.stringify(at)}:${src.hash}`;
}

export type CheckCache = Pick<ParseCache, 'get' | 'set'>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Alike as the output and as JSON, key order too (a schema orders an object's keys by its shape). */
const same = (a: unknown, b: unknown) =>
  Object.is(a, b) || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));

/**
 * What is kept of a schema's output for an input: only the values that are not the input's
 * (defaults filled in, text collapsed), since the input is in the parse cache already, and the
 * output's keys in order when they are not the input's; an output that is not an object, whole.
 * The schemas give plain data (strings, numbers, lists, objects: no z.date, no z.map), which the
 * check cache writes as JSON and reads back as it was; an entry JSON would not give back
 * (undefined, NaN) is kept in memory only (run/check-cache.ts).
 */
export function keptOutput(input: unknown, output: unknown): unknown {
  if (!isRecord(output) || !isRecord(input)) return { whole: output };
  const keys = Object.keys(output);
  const changed = Object.fromEntries(keys.filter((k) => !same(input[k], output[k])).map((k) => [k, output[k]]));
  const inputKeys = Object.keys(input);
  const sameKeys = inputKeys.length === keys.length && keys.every((k, i) => inputKeys[i] === k);
  return sameKeys ? { changed } : { keys, changed };
}

/** The output `keptOutput` kept, from the same input; undefined when what is kept is not of that shape. */
export function outputOf(input: unknown, kept: unknown): { value: unknown } | undefined {
  if (!isRecord(kept)) return undefined;
  if (Object.hasOwn(kept, 'whole')) return { value: kept.whole };
  const { changed } = kept;
  if (!isRecord(changed) || !isRecord(input)) return undefined;
  const keys = kept.keys ?? Object.keys(input);
  if (!Array.isArray(keys)) return undefined;
  return {
    value: Object.fromEntries(
      keys.map((key: string) => [key, Object.hasOwn(changed, key) ? changed[key] : input[key]]),
    ),
  };
}
