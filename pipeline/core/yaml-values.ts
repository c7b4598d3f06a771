// core: the values of a parsed YAML file, read by path: off the fast reader's plain value when it
// read the file (no nodes, no positions: yaml-fast.ts), off the `yaml` package's nodes otherwise.
// Both give what the nodes' own toJS would: the stages read values only through here.
import { isMap, isNode, isScalar, isSeq } from 'yaml';
import type { PathKey, YamlSource } from './yaml-positions.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A step into a plain value as the `yaml` package's getIn takes it: an index into a list, a key into a mapping. */
function walk(value: unknown, path: readonly PathKey[]): unknown {
  let at = value;
  for (const step of path) {
    if (Array.isArray(at) && typeof step === 'number') at = at[step];
    else if (isRecord(at) && typeof step === 'string' && Object.hasOwn(at, step)) at = at[step];
    else return undefined;
  }
  return at;
}

/**
 * The plain value at `path`: scalars as the core schema reads them (dates stay strings); undefined
 * when nothing is there. Throws the `yaml` package's ReferenceError on an alias bomb (isAliasBomb).
 */
export function valueAt(src: YamlSource, path: readonly PathKey[]): unknown {
  if (src.fast) return walk(src.fast.value, path);
  const node = path.length ? src.doc.getIn(path, true) : src.doc.contents;
  return isNode(node) ? node.toJS(src.doc) : (node ?? undefined);
}

/** The scalar at `path` (a string, number, boolean or null); undefined when it is a list, a mapping or nothing. */
export function scalarAt(src: YamlSource, path: readonly PathKey[]): unknown {
  if (src.fast) {
    const v = walk(src.fast.value, path);
    return typeof v === 'object' && v !== null ? undefined : v;
  }
  const node = path.length ? src.doc.getIn(path, true) : src.doc.contents;
  return isScalar(node) ? node.value : undefined;
}

/** The keys of the mapping at `path`, as written; undefined when it is no mapping. */
export function keysAt(src: YamlSource, path: readonly PathKey[]): string[] | undefined {
  if (src.fast) {
    const v = walk(src.fast.value, path);
    return isRecord(v) ? Object.keys(v) : undefined;
  }
  const node = path.length ? src.doc.getIn(path, true) : src.doc.contents;
  return isMap(node) ? node.items.map((p) => String((p.key as { value?: unknown })?.value)) : undefined;
}

/** How many items the list at `path` holds; null when nothing is there (an empty file, a key not written); undefined when it is no list (`~` included). */
export function lengthAt(src: YamlSource, path: readonly PathKey[]): number | null | undefined {
  if (src.fast) {
    const v = walk(src.fast.value, path);
    return Array.isArray(v) ? v.length : v === undefined ? null : undefined;
  }
  const node = path.length ? src.doc.getIn(path, true) : src.doc.contents;
  return isSeq(node) ? node.items.length : node === null || node === undefined ? null : undefined;
}
