// validate: Vega-Lite specs against Vega-Lite's own JSON schema (ajv), errors located in the chart file.
//
// Compiling that schema takes ajv 1.5–3 s, too slow for every `brief check`; the compiled
// validator is written once as standalone code to node_modules/.cache/brief/, keyed by the
// Vega-Lite version, and loaded from there in ~0.2 s afterwards.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { requireWithCodeCache } from '../core/code-cache.ts';

const require = createRequire(import.meta.url);
const SCHEMA_FILE = () => require.resolve('vega-lite/vega-lite-schema.json');
/**
 * Vega-Lite's version, from its package.json beside the schema (build/..): importing 'vega-lite'
 * for its `version` loaded all of it into every run that validates, charts or not (a pack's
 * corpus, `brief check`), where only the chart stage needs it.
 */
export const vegaLiteVersion = (): string =>
  (
    JSON.parse(readFileSync(path.join(path.dirname(SCHEMA_FILE()), '..', 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

export interface SchemaProblem {
  /** JSON path of the offending value, as keys. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** For an unknown key: the key. */
  readonly unknownKey?: string;
  /** For a value outside a closed set: the values allowed there. */
  readonly allowed?: readonly string[];
}

export interface ChartSchema {
  check(spec: unknown): SchemaProblem | undefined;
  /** Every independent problem: each part of a single-view spec is checked on its own as well. */
  checkAll(spec: unknown): SchemaProblem[];
  /** Every property name the schema defines anywhere, for "did you mean". */
  readonly knownKeys: ReadonlySet<string>;
}

type ValidateFn = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Annotations play no part in validation and are most of the schema's bytes. */
function stripAnnotations(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map((n) => stripAnnotations(n));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!inProperties && (key === 'description' || key === 'markdownDescription')) continue;
    out[key] = stripAnnotations(value, key === 'properties' && !inProperties);
  }
  return out;
}

function collectKeys(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => collectKeys(n, into));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object') Object.keys(value).forEach((k) => into.add(k));
      collectKeys(value, into);
    }
  }
}

function loadValidator(schemaOf: () => unknown, version: string): ValidateFn {
  // <node_modules>/vega-lite/build/vega-lite-schema.json → <node_modules>/.cache/brief
  const cacheDir = path.join(path.dirname(SCHEMA_FILE()), '..', '..', '.cache', 'brief');
  const cached = path.join(cacheDir, `vega-lite-${version}-validate.cjs`);
  if (existsSync(cached)) {
    try {
      return requireWithCodeCache(cached) as ValidateFn;
    } catch {
      // A damaged cache file is rebuilt below.
    }
  }
  const ajv = new Ajv({
    strict: false,
    allowUnionTypes: true,
    validateFormats: false,
    logger: false,
    code: { source: true, optimize: false },
  });
  const validate = ajv.compile(schemaOf() as object) as ValidateFn;
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${cached}.${process.pid}.tmp`;
    writeFileSync(tmp, standaloneCode(ajv, validate as Parameters<typeof standaloneCode>[1]));
    renameSync(tmp, cached);
  } catch {
    // Read-only install: validate without a cache.
  }
  return validate;
}

/** Picks the error a person can act on: an unknown key if there is one, else the deepest. */
function bestProblem(errors: readonly ErrorObject[], knownKeys: ReadonlySet<string>): SchemaProblem {
  const toPath = (pointer: string) =>
    pointer
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  for (const e of errors) {
    const key = (e.params as { additionalProperty?: string }).additionalProperty;
    if (e.keyword === 'additionalProperties' && key !== undefined && !knownKeys.has(key)) {
      return { path: [...toPath(e.instancePath), key], message: `unknown key "${key}"`, unknownKey: key };
    }
  }
  const deepest = [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0]!;
  const here = errors.filter((e) => e.instancePath === deepest.instancePath);
  const allowed = [
    ...new Set(
      here.flatMap((e) => {
        const p = e.params as { allowedValues?: unknown[]; allowedValue?: unknown };
        return e.keyword === 'enum'
          ? (p.allowedValues ?? []).map(String)
          : e.keyword === 'const'
            ? [String(p.allowedValue)]
            : [];
      }),
    ),
  ];
  const where = deepest.instancePath ? `"${deepest.instancePath.slice(1).replace(/\//g, '.')}"` : 'the spec';
  if (allowed.length)
    return {
      path: toPath(deepest.instancePath),
      message: `${where} is not one of the values Vega-Lite allows here`,
      allowed,
    };
  return { path: toPath(deepest.instancePath), message: `${where} ${deepest.message ?? 'is not valid'}` };
}

/**
 * The schema itself (1.5 MB of JSON) is read only when it is needed: to compile the validator when
 * none is cached, or for the known keys when a spec has a problem to name. A valid chart is checked
 * by the cached validator alone (reading the schema was 70 ms of every check that drew a chart).
 */
export function loadChartSchema(): ChartSchema {
  let read: { schema: unknown; knownKeys: Set<string> } | undefined;
  const parsed = () => {
    if (!read) {
      const schema = stripAnnotations(JSON.parse(readFileSync(SCHEMA_FILE(), 'utf8')) as unknown);
      const knownKeys = new Set<string>();
      collectKeys(schema, knownKeys);
      read = { schema, knownKeys };
    }
    return read;
  };
  let validate: ValidateFn | undefined;
  const check = (spec: unknown) => {
    validate ??= loadValidator(() => parsed().schema, vegaLiteVersion());
    if (validate(spec)) return undefined;
    return bestProblem(validate.errors ?? [], parsed().knownKeys);
  };
  return {
    get knownKeys() {
      return parsed().knownKeys;
    },
    check,
    checkAll: (spec) => allProblems(spec, check),
  };
}

/** A spec that is valid as it stands, to set one part of another spec into. */
const PROBE_BASE = { data: { name: 'probe' }, mark: 'point' } as const;

/** The keys whose value is a list of views (layer, concat…), or one view (facet, repeat). */
const VIEW_LISTS = ['layer', 'concat', 'hconcat', 'vconcat'] as const;

/**
 * The validator stops at the first problem. Two unrelated mistakes (a bad mark type and a bad
 * aggregate) were reported one run at a time: a single-view spec's parts (each top-level key, each
 * encoding channel, each transform) are set one by one into a spec that is otherwise valid, and
 * each part's own problem is reported; a multi-view spec's views (each layer, each concatenated
 * view, a facet's or repeat's `spec`) are checked the same way, each on its own, at its own path, and
 * its other keys with its views replaced by one valid view. Problems that arise only in
 * combination: the first, as before.
 */
function allProblems(spec: unknown, check: (spec: unknown) => SchemaProblem | undefined, depth = 0): SchemaProblem[] {
  const whole = check(spec);
  if (!whole) return [];
  if (!spec || typeof spec !== 'object' || Array.isArray(spec) || depth > 4) return [whole];
  const record = spec as Record<string, unknown>;
  const found: SchemaProblem[] = [];
  const lists = VIEW_LISTS.filter((k) => Array.isArray(record[k]));
  if (lists.length || (record.spec && typeof record.spec === 'object')) {
    const at =
      (prefix: readonly (string | number)[]) =>
      (p: SchemaProblem): SchemaProblem => ({ ...p, path: [...prefix, ...p.path] });
    // A view inside another takes its data from the outer one: checked on its own, it gets the probe's.
    const alone = (view: unknown) =>
      view && typeof view === 'object' && !Array.isArray(view) && !('data' in view)
        ? { data: PROBE_BASE.data, ...view }
        : view;
    for (const key of lists)
      (record[key] as unknown[]).forEach((view, i) =>
        found.push(...allProblems(alone(view), check, depth + 1).map(at([key, i]))),
      );
    if (record.spec && typeof record.spec === 'object')
      found.push(...allProblems(alone(record.spec), check, depth + 1).map(at(['spec'])));
    const rest = {
      ...record,
      ...Object.fromEntries(lists.map((k) => [k, [{ mark: 'point' }]])),
      ...(record.spec ? { spec: { mark: 'point' } } : {}),
    };
    const outer = check(rest);
    if (outer) found.push(outer);
    return unique(found, whole);
  }
  if (!('mark' in record)) return [whole];
  const probe = (
    part: Record<string, unknown>,
    fix: (p: readonly (string | number)[]) => (string | number)[] = (p) => [...p],
  ) => {
    const problem = check({ ...PROBE_BASE, ...part });
    if (problem) found.push({ ...problem, path: fix(problem.path) });
  };
  for (const [key, value] of Object.entries(record)) {
    if (key === 'data' || key === '$schema') continue;
    if (key === 'encoding' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [channel, def] of Object.entries(value)) probe({ encoding: { [channel]: def } });
    } else if (key === 'transform' && Array.isArray(value)) {
      value.forEach((t, i) =>
        probe({ transform: [t] }, (p) =>
          p[0] === 'transform' && p[1] === 0 ? ['transform', i, ...p.slice(2)] : [...p],
        ),
      );
    } else probe({ [key]: value });
  }
  return unique(found, whole);
}

/** Each path once; none found part by part: the whole spec's first problem. */
function unique(found: readonly SchemaProblem[], whole: SchemaProblem): SchemaProblem[] {
  const seen = new Set<string>();
  const once = found.filter((p) => {
    const key = JSON.stringify(p.path);
    return !seen.has(key) && Boolean(seen.add(key));
  });
  return once.length ? once : [whole];
}
