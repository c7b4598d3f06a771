// validate: the pieces every file schema is made of: ids, EDTF dates, one-line and prose text.
import { z } from 'zod';
import { isEdtf } from '../core/edtf.ts';

const slug = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const Id = z.string().regex(slug, 'must be lowercase letters, digits and single hyphens');
/** The longest id of a thing that names files (sources, audiences, reports, packs, events…): a PDF is <report>.<audience>.pdf. */
export const MAX_ID = 64;
export const ID_TOO_LONG = `an id may be at most ${MAX_ID} characters`;
/** An id that becomes (part of) a file name: bounded. Section slugs and topics (Id) are not. */
export const NameId = Id.max(MAX_ID, ID_TOO_LONG);
/**
 * The EDTF grammar as a pattern, for editors (JSON Schema, json-schema.ts): every date isEdtf
 * accepts matches it (a test holds it to that); what it lets through (a 13th month, 30 February,
 * an interval that runs backwards) only `brief check` finds.
 */
export const EDTF_PATTERN = (() => {
  // A month (or a season, 21–24) and a day as numbers can be; whether the day exists, isEdtf knows.
  const month = '(?:0[1-9]|1[0-2]|2[1-4]|XX)';
  const day = String.raw`(?:0[1-9]|[12]\d|3[01]|XX)`;
  const time = String.raw`T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}(?::?\d{2})?)?`;
  const date = String.raw`(?:-?(?:\d{2}|\d{4}|\d{3}X|\d{2}XX|XXXX)|Y-?\d{5,})(?:-${month}(?:-${day}(?:${time})?)?)?[?~%]?`;
  const end = String.raw`(?:${date}|\.\.)?`;
  return `^(?:${date}|${end}/${end})$`;
})();
export const ClaimId = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be <source-id>/<slug>: lowercase letters, digits and hyphens',
  )
  .max(2 * MAX_ID + 1, `${ID_TOO_LONG}, so a claim id (<source-id>/<slug>) at most ${2 * MAX_ID + 1}`);
export const ActorCode = z.string().regex(/^[A-Z]{2,3}$/, 'must be a short upper-case actor code such as IR or AZ');
/**
 * YAML reads `2013` as a number: accept it and keep the text. As JSON Schema: text matching the
 * grammar, or a whole number that reads as a year (1000–9999) or a century (10–99).
 */
const yearNumber = (min: number, max: number) => ({ type: 'integer', minimum: min, maximum: max });
export const Edtf = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .refine(isEdtf, { message: 'is not a valid EDTF date', params: { code: 'E_BAD_DATE' } })
  .meta({
    description:
      'An EDTF date, quoted: "2021-06-15", "2021-06", "2021", "2020~" (approximate), "2020?" (uncertain), "2022-12/2023-06" (an interval).',
    anyOf: [
      { type: 'string', pattern: EDTF_PATTERN },
      yearNumber(1000, 9999),
      yearNumber(-9999, -1000),
      yearNumber(10, 99),
      yearNumber(-99, -10),
    ],
  });
/** `pattern` tells an editor what the trim does: text of spaces only is empty. */
export const text = z.string().trim().min(1, 'must not be empty').meta({ pattern: String.raw`\S` });
/**
 * Text printed on one line (a title, a marking, a label): newlines and tabs, such as a YAML
 * folded scalar leaves, are read as one space, not carried into a running header or a bookmark.
 */
const collapse = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ') : v);
/**
 * Control characters other than whitespace (NUL, ESC, DEL, the C1 range) are refused in one-line
 * text: they printed as "u0000" in a running header and went raw into PDF metadata. Vertical tabs
 * and line or paragraph separators (U+2028, U+2029) are whitespace: read as one space, as above.
 */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/;
const CONTROL_NAMES: Readonly<Record<number, string>> = { 0: 'NUL', 27: 'ESC', 127: 'DEL', 8: 'backspace' };
export const printable = <T extends z.ZodType<string>>(t: T) =>
  t.superRefine((v, ctx) => {
    const m = CONTROL.exec(v);
    if (!m) return;
    const cp = m[0].charCodeAt(0);
    ctx.addIssue({
      code: 'custom',
      message: `holds the control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}${CONTROL_NAMES[cp] ? ` (${CONTROL_NAMES[cp]})` : ''} at character ${m.index + 1}`,
      params: { code: 'E_CONTROL_CHAR' },
    });
  });
export const line = z.preprocess(collapse, printable(text));
export const lineOf = (max: number, why: string) =>
  z.preprocess(collapse, printable(text.max(max, `must be at most ${max} characters: ${why}`)));
export const list = <T extends z.ZodType>(item: T) => z.array(item);
export const claimIds = (what: string) =>
  z.array(ClaimId).default([]).describe(`${what}: claim ids, <source-id>/<slug>.`);
