// validate: checking a YAML value against a schema, with its diagnostics placed where the value is.
import path from 'node:path';
import type { z } from 'zod';
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';
import { aliasBomb, isAliasBomb, locate, type PathKey, type YamlSource } from '../core/yaml-positions.ts';
import { lengthAt, valueAt } from '../core/yaml-values.ts';
import { issuesToDiagnostics } from '../core/zod-issues.ts';
import { type CheckCache, checkKey, keptOutput, outputOf } from './cache.ts';
import type { Located } from './types.ts';

/** The id a file's name gives it: its base name without the extension. */
export const baseName = (file: string) => path.basename(file).replace(/\.[^.]+$/, '');

export interface Checker {
  /** Checks the value at `at` in `src` against `schema`; undefined (and diagnostics) when it fails. */
  check<S extends z.ZodType>(src: YamlSource, schema: S, at?: readonly PathKey[]): Located<z.output<S>> | undefined;
  /** A file holding a list: each item checked on its own, so one bad item hides no other. */
  checkList<S extends z.ZodType>(src: YamlSource | undefined, item: S, at?: readonly PathKey[]): Located<z.output<S>>[];
}

/** A checker that adds what it finds to `diagnostics`; a value that passed before is taken from `cache` (cache.ts). */
export function checker(diagnostics: Diagnostic[], cache?: CheckCache): Checker {
  function check<S extends z.ZodType>(
    src: YamlSource,
    schema: S,
    at: readonly PathKey[] = [],
  ): Located<z.output<S>> | undefined {
    const key = cache && checkKey(schema, src, at);
    const kept = key ? cache?.get(key) : undefined;
    const output = kept && outputOf(valueAt(src, at), kept.value);
    if (output) return { value: output.value as z.output<S>, src, path: at, at: locate(src, at) };
    let json: unknown;
    try {
      json = valueAt(src, at);
    } catch (err) {
      if (!isAliasBomb(err)) throw err;
      diagnostics.push(aliasBomb(locate(src, at)));
      return undefined;
    }
    const result = schema.safeParse(json);
    if (!result.success) {
      diagnostics.push(...issuesToDiagnostics(src, schema, result.error, at, json));
      return undefined;
    }
    if (key) cache?.set(key, keptOutput(json, result.data));
    return { value: result.data, src, path: at, at: locate(src, at) };
  }

  function checkList<S extends z.ZodType>(
    src: YamlSource | undefined,
    item: S,
    at: readonly PathKey[] = [],
  ): Located<z.output<S>>[] {
    if (!src) return [];
    const length = lengthAt(src, at);
    if (length === null) return [];
    if (length === undefined) {
      diagnostics.push(
        diagnostic(
          locate(src, at),
          'E_BAD_TYPE',
          'expected a list of entries here',
          'write each entry on a line starting with "- "',
        ),
      );
      return [];
    }
    return Array.from({ length }, (_, i) => i).flatMap((i) => check(src, item, [...at, i]) ?? []);
  }

  return { check, checkList };
}
