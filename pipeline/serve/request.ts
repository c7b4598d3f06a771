// serve: a pack request's body → the request, or located problems (400). Checked by a schema
// first (shape, id syntax, a real date), then against the corpus's own ids, so no value a client
// sends reaches a file path: only ids the corpus has are passed on.
import { z } from 'zod';
import { didYouMean } from '../core/suggest.ts';
import { plural } from '../core/plural.ts';

/** The corpus's ids, read by the caller from the data folder. */
export interface CorpusIds {
  readonly audiences: readonly string[];
  readonly reports: readonly string[];
  /** Pack id → the audiences it is for. */
  readonly packs: ReadonlyMap<string, readonly string[]>;
}

export interface PackRequestBody {
  readonly audience: string;
  readonly reports: readonly string[];
  readonly pack: string | null;
  /** YYYY-MM-DD; today (UTC) when the request names none. */
  readonly date: string;
}

/** A problem in the request, located by a JSON pointer into its body. */
export interface RequestProblem {
  readonly pointer: string;
  readonly code: string;
  readonly message: string;
  readonly hint: string;
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const Id = z.string().max(100).regex(ID);
const realDate = (s: string) =>
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

const PackRequestSchema = z.strictObject({
  audience: Id,
  reports: z.array(Id).min(1).max(50).optional(),
  pack: Id.optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine(realDate)
    .optional(),
});
const KEYS = ['audience', 'reports', 'pack', 'date'];
/** The earliest edition date a request may name; the latest is a year from today. */
const EARLIEST_DATE = '1900-01-01';

const pointerOf = (path: readonly PropertyKey[]) => `/${path.map(String).join('/')}`;

/** zod's issues in plain words, at their place in the body. */
function fromIssues(issues: readonly z.core.$ZodIssue[], body: unknown): RequestProblem[] {
  return issues.flatMap((issue): RequestProblem[] => {
    const pointer = pointerOf(issue.path);
    const field = String(issue.path[0] ?? 'body');
    const value = issue.path.reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
      body,
    );
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        pointer: `${pointer === '/' ? '' : pointer}/${key}`,
        code: 'E_UNKNOWN_KEY',
        message: `"${key}" is not a field of a pack request`,
        hint: didYouMean(key, KEYS, `the fields are: ${KEYS.join(', ')}`),
      }));
    }
    if (issue.code === 'invalid_type' && value === undefined) {
      return [
        {
          pointer,
          code: 'E_MISSING_FIELD',
          message: `the request has no "${field}"`,
          hint:
            field === 'audience' ? 'name the audience the pack is for: {"audience": "executive"}' : `add "${field}"`,
        },
      ];
    }
    if (issue.path.length === 0)
      return [
        {
          pointer: '/',
          code: 'E_BAD_TYPE',
          message: 'the request body is not a JSON object',
          hint: 'send {"audience": "<id>", "reports"?: ["<id>", …], "pack"?: "<id>", "date"?: "YYYY-MM-DD"}',
        },
      ];
    if (field === 'date')
      return [
        {
          pointer,
          code: 'E_BAD_DATE',
          message: `${JSON.stringify(value)} is not a date`,
          hint: 'give the edition date as YYYY-MM-DD, for example "2026-02-01"',
        },
      ];
    if (field === 'reports' && issue.path.length === 1) {
      return [
        {
          pointer,
          code: 'E_BAD_TYPE',
          message: Array.isArray(value)
            ? `"reports" must list 1 to 50 report ids (it lists ${value.length})`
            : '"reports" must be a list of report ids',
          hint: "leave it out for the audience's own reports",
        },
      ];
    }
    const what = field === 'reports' ? 'report' : field;
    const shown =
      typeof value === 'string'
        ? `"${value.length > 60 ? `${value.slice(0, 60)}…` : value}"`
        : (JSON.stringify(value) ?? String(value));
    return [
      {
        pointer,
        code: 'E_BAD_ID',
        message: `${shown} is not a ${what} id`,
        hint: 'ids are lowercase letters, digits and single hyphens: no "/", "..", spaces or capitals',
      },
    ];
  });
}

/** The request, or every problem in it. `today` is the date a request without one gets. */
export function parsePackRequest(
  body: unknown,
  ids: CorpusIds,
  today: string,
): { ok: true; value: PackRequestBody } | { ok: false; problems: RequestProblem[] } {
  const parsed = PackRequestSchema.safeParse(body);
  // One problem per place: a date that is not YYYY-MM-DD fails both its checks.
  if (!parsed.success)
    return {
      ok: false,
      problems: fromIssues(parsed.error.issues, body).filter(
        (p, i, all) => all.findIndex((q) => q.pointer === p.pointer) === i,
      ),
    };
  const { audience, reports = [], pack, date = today } = parsed.data;
  const problems: RequestProblem[] = [];
  const latest = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  // Each date asked for is a work folder and a PDF on the server's disk: a bounded range of them.
  if (date < EARLIEST_DATE || date > latest) {
    problems.push({
      pointer: '/date',
      code: 'E_DATE_RANGE',
      message: `${date} is outside the dates this server makes packs for, ${EARLIEST_DATE} to ${latest} (a year from today)`,
      hint: 'give the edition date as YYYY-MM-DD, or leave "date" out for today',
    });
  }
  if (!ids.audiences.includes(audience)) {
    problems.push({
      pointer: '/audience',
      code: 'E_UNKNOWN_AUDIENCE',
      message: `there is no audience "${audience}"`,
      hint: didYouMean(audience, ids.audiences, `the audiences are: ${ids.audiences.join(', ')}`),
    });
  }
  reports.forEach((r, i) => {
    if (!ids.reports.includes(r))
      problems.push({
        pointer: `/reports/${i}`,
        code: 'E_UNKNOWN_REPORT',
        message: `there is no report "${r}"`,
        hint: didYouMean(r, ids.reports, `the reports are: ${ids.reports.join(', ')}`),
      });
  });
  if (new Set(reports).size !== reports.length)
    problems.push({
      pointer: '/reports',
      code: 'E_BAD_VALUE',
      message: 'a report is named twice',
      hint: 'name each report once, in the order the pack prints them',
    });
  if (pack !== undefined) {
    const packIds = [...ids.packs.keys()];
    const forWhom = ids.packs.get(pack);
    if (!forWhom)
      problems.push({
        pointer: '/pack',
        code: 'E_BAD_VALUE',
        message: `there is no pack "${pack}"`,
        hint: didYouMean(
          pack,
          packIds,
          packIds.length
            ? `the packs are: ${packIds.join(', ')}`
            : 'this corpus defines no pack (data/packs/<id>.yaml)',
        ),
      });
    else if (!forWhom.includes(audience) && ids.audiences.includes(audience)) {
      problems.push({
        pointer: '/audience',
        code: 'E_PACK_AUDIENCE',
        message: `pack "${pack}" is for ${forWhom.join(', ')}, not "${audience}"`,
        hint: `ask for it with one of: ${forWhom.join(', ')}`,
      });
    }
    if (reports.length)
      problems.push({
        pointer: '/reports',
        code: 'E_BAD_VALUE',
        message: 'a request names a pack or reports, not both',
        hint: 'the pack file lists its reports; leave "reports" out',
      });
  }
  return problems.length
    ? { ok: false, problems }
    : { ok: true, value: { audience, reports, pack: pack ?? null, date } };
}

/** The 400 body: a summary line, then each problem with its place. */
export function problemBody(problems: readonly RequestProblem[]): {
  error: string;
  errors: readonly (RequestProblem & { at: string })[];
} {
  const first = problems[0]!;
  return {
    error: `${plural(problems.length, 'problem')} in the request; first: request${first.pointer}  ${first.code}  ${first.message}`,
    errors: problems.map((p) => ({ at: `request${p.pointer}`, ...p })),
  };
}
