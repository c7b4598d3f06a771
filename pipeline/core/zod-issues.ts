// core: turns zod issues into located diagnostics with a hint (nearest key, allowed values).
import type { z } from 'zod';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import type { Code } from './codes.ts';
import { didYouMean } from './suggest.ts';
import { locate, type PathKey, type YamlSource } from './yaml-positions.ts';

type AnySchema = z.ZodType;
interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  innerType?: AnySchema;
  in?: AnySchema;
  valueType?: AnySchema;
  options?: AnySchema[];
}
const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The keys an object schema accepts at `path` (for "did you mean"), walking wrappers. */
function keysAt(schema: AnySchema, path: readonly PathKey[]): string[] {
  let s: AnySchema | undefined = schema;
  let i = 0;
  while (s) {
    const def = defOf(s);
    if (def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else if (i >= path.length) return def.shape ? Object.keys(def.shape) : [];
    else if (def.type === 'object' && def.shape) s = def.shape[String(path[i++])];
    else if (def.type === 'array' && def.element) {
      s = def.element;
      i++;
    } else if (def.type === 'record' && def.valueType) {
      s = def.valueType;
      i++;
    } else if (def.type === 'union' && def.options) s = def.options.find((o) => defOf(o).type === 'object');
    else return [];
  }
  return [];
}

/** What a type is called in an error: the words a person uses, not the validator's. */
const EXPECTED: Readonly<Record<string, string>> = {
  array: 'a list',
  object: 'a mapping',
  int: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  record: 'a mapping',
};

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return value.length ? 'a list' : 'an empty list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function fieldName(path: readonly PathKey[]): string {
  const last = [...path].reverse().find((k) => typeof k === 'string');
  return last === undefined ? 'the value' : `"${last}"`;
}

type Issue = z.ZodError['issues'][number];

/**
 * A value that matches no branch of a union (an id or a mapping) is reported by the branch of
 * its own shape, with that branch's own wording: a mapping gets the mapping's missing fields.
 */
function unionBranch(issue: Issue): Issue[] {
  const branches = (issue as { errors?: Issue[][] }).errors;
  if (issue.code !== 'invalid_union' || !branches?.length) return [issue];
  const shaped = branches.find((b) => !b.some((i) => i.code === 'invalid_type' && i.path.length === 0)) ?? branches[0]!;
  return shaped.flatMap((i) => unionBranch({ ...i, path: [...issue.path, ...i.path] } as Issue));
}

/**
 * One diagnostic per zod issue. `prefix` is where the validated value sits
 * in the file, so positions point into the YAML even for one list item.
 */
export function issuesToDiagnostics(
  src: YamlSource,
  schema: AnySchema,
  error: z.ZodError,
  prefix: readonly PathKey[],
  input: unknown,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of error.issues.flatMap(unionBranch)) {
    const path = [...prefix, ...(issue.path as PathKey[])];
    const valueAt = (issue.path as PathKey[]).reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[String(k)] : undefined),
      input,
    );
    if (issue.code === 'unrecognized_keys') {
      const valid = keysAt(schema, issue.path as PathKey[]);
      for (const key of issue.keys) {
        out.push(
          diagnostic(
            locate(src, [...path, key], { key: true }),
            'E_UNKNOWN_KEY',
            `unknown key "${key}"`,
            didYouMean(key, valid, `the keys allowed here are: ${valid.join(', ')}`),
          ),
        );
      }
    } else if (issue.code === 'invalid_type' && valueAt === undefined) {
      out.push(
        diagnostic(
          locate(src, path.slice(0, -1)),
          'E_MISSING_FIELD',
          `missing required field ${fieldName(path)}`,
          `add ${fieldName(path)}: see README.md, "Data format", for what it holds`,
        ),
      );
    } else if (issue.code === 'invalid_value') {
      const allowed = issue.values.map(String);
      out.push(
        diagnostic(
          locate(src, path),
          'E_BAD_VALUE',
          `${fieldName(path)} is ${describe(valueAt)}, which is not allowed`,
          didYouMean(String(valueAt), allowed, `use one of: ${allowed.join(', ')}`).replace(
            /\?$/,
            `? (allowed: ${allowed.join(', ')})`,
          ),
        ),
      );
    } else if (issue.code === 'invalid_type') {
      out.push(
        diagnostic(
          locate(src, path),
          'E_BAD_TYPE',
          `${fieldName(path)} should be ${EXPECTED[issue.expected] ?? `a ${issue.expected}`}, not ${describe(valueAt)}`,
          issue.expected === 'array'
            ? 'write a list as [a, b] or as lines starting with "- "'
            : 'check the value and its indentation',
        ),
      );
    } else if (issue.code === 'custom' && (issue.params as { hint?: string } | undefined)?.hint) {
      const params = issue.params as { code: Code; hint: string };
      out.push(
        diagnostic(
          locate(src, path),
          params.code,
          `${fieldName(path)} is ${describe(valueAt)}, which ${issue.message}`,
          params.hint,
        ),
      );
    } else if (issue.code === 'custom' && (issue.params as { code?: string } | undefined)?.code === 'E_CONTROL_CHAR') {
      out.push(
        diagnostic(
          locate(src, path),
          'E_CONTROL_CHAR',
          `${fieldName(path)} ${issue.message}, which a title or one-line field may not hold`,
          'delete it: it prints as a stray mark, or nothing, in titles, running headers and PDF metadata (in YAML, "\\0" or "\\e" inside double quotes is one)',
        ),
      );
    } else if (issue.code === 'custom' && (issue.params as { code?: string } | undefined)?.code === 'E_BAD_DATE') {
      out.push(
        diagnostic(
          locate(src, path),
          'E_BAD_DATE',
          `${fieldName(path)} is "${String(valueAt)}", which ${issue.message}`,
          'write an EDTF date: 2021-06-15, 2021-10, 2013, 2020~ (about), 2020? (uncertain), 2022-12/2023-06 (interval, start before end)',
        ),
      );
    } else if (issue.code === 'invalid_format' && (issue as { format?: string }).format === 'url') {
      out.push(
        diagnostic(
          locate(src, path),
          'E_BAD_VALUE',
          `${fieldName(path)} is "${String(valueAt)}", which is not a web address`,
          'write the full address, starting with https://',
        ),
      );
    } else if (issue.code === 'invalid_format') {
      out.push(
        diagnostic(
          locate(src, path),
          'E_BAD_ID',
          `${fieldName(path)} "${String(valueAt)}" ${issue.message}`,
          'ids are lowercase letters, digits and hyphens; claim ids are <source-id>/<slug>',
        ),
      );
    } else if (
      issue.code === 'too_big' &&
      typeof valueAt === 'string' &&
      issue.message.startsWith('an id may be at most')
    ) {
      // Ids become file names (<report>.<audience>.pdf, anchors): bounded, said with the limit.
      out.push(
        diagnostic(
          locate(src, path),
          'E_BAD_ID',
          `${fieldName(path)} "${valueAt.length > 40 ? `${valueAt.slice(0, 40)}…` : valueAt}" is ${valueAt.length} characters long; ${issue.message}`,
          'shorten the id (ids become file names); then change what names it too',
        ),
      );
    } else if (
      (issue.code === 'too_big' || issue.code === 'too_small') &&
      !/^must/.test(issue.message) &&
      typeof valueAt === 'number'
    ) {
      // A number out of its range, said in words rather than zod's "Too big: expected number to be <=2".
      const bound =
        issue.code === 'too_big' ? (issue as { maximum: unknown }).maximum : (issue as { minimum: unknown }).minimum;
      out.push(
        diagnostic(
          locate(src, path),
          'E_BAD_VALUE',
          `${fieldName(path)} is ${valueAt}, ${issue.code === 'too_big' ? 'more than the most' : 'less than the least'} it may be, ${String(bound)}`,
          'correct the value; README.md, "Data format", lists what each field takes',
        ),
      );
    } else {
      out.push(
        diagnostic(
          locate(src, path),
          'E_BAD_VALUE',
          `${fieldName(path)}: ${issue.message} (got ${describe(valueAt)})`,
          'correct the value; README.md, "Data format", lists what each field takes',
        ),
      );
    }
  }
  return out;
}
