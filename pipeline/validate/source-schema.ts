// validate: a source's front matter and its claims file: what a source is and what it says.
import { z } from 'zod';
import { ClaimType, Distribution, Reliability, STANCE_MAX, STANCE_MIN, SourceKind } from './vocabulary.ts';
import { ActorCode, ClaimId, Edtf, Id, line, NameId, printable, text } from './schema-fields.ts';
import { CAPTURE_FORMATS } from '../core/capture-formats.ts';

export const SourceFrontMatter = z.strictObject({
  id: NameId.describe("The source's id, also its file name and its claims file's name (e.g. roubanis-2024)."),
  title: line.describe("The source's title."),
  text: text
    .refine((v) => !/[\\/]/.test(v) && v !== '.' && v !== '..', {
      message: 'is a path, not a file name',
      params: {
        code: 'E_BAD_VALUE',
        hint: 'give only the file name (e.g. 001_4e07255783193862.txt); name its folder with --texts DIR',
      },
    })
    .meta({ pattern: String.raw`^(?!\s*\.\.?\s*$)[^\\/]*\S[^\\/]*$` })
    .describe(
      "The file name of the source's full text, looked up in data/sources/text/ and the --texts folders: a bare name, never a path.",
    ),
  authors: z.array(printable(text)).default([]).describe('The authors, as printed.'),
  published: Edtf.optional().describe('When it was published: an EDTF date, quoted ("2024-03", "2024").'),
  kind: z.enum(SourceKind).optional().describe('What kind of text it is.'),
  perspective: Id.optional().describe('Where it writes from: an id in perspectives.yaml.'),
  reliability: z
    .enum(Reliability)
    .optional()
    .describe('Its grade on the Admiralty scale, A (reliable) to F (cannot be judged).'),
  reliability_note: text.optional().describe('One line on why the grade is what it is.'),
  url: z.url().optional().describe('Where the source can be read.'),
  exclude: z
    .array(
      z.strictObject({
        from: text.describe('The first words of the part to leave out, as in the text.'),
        to: text.optional().describe('The last words of that part (without it: to the end of the text).'),
      }),
    )
    .default([])
    .describe('Parts of the text no quote may come from (a quoted third party, a sidebar).'),
  distribution: z
    .enum(Distribution)
    .default('public')
    .describe(
      "public, or internal: the team's own material, whose claims reach only audiences that may receive internal content.",
    ),
  // Written by `brief capture` (by hand too, if wanted): all optional, so every corpus written before still validates.
  publisher: line.optional().describe('Who published it (a newspaper, a journal, an institute).'),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as en, fa or en-GB')
    .optional()
    .describe('The language of its text, as a language tag: en, fa, en-GB.'),
  text_sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hexadecimal')
    .optional()
    .describe(
      'The sha256 (hexadecimal) of the text file as brief capture wrote it: a text changed since shows as a different hash.',
    ),
  captured_from: z
    .strictObject({
      file: text.describe('The name of the file the source was captured from.'),
      format: z.enum(CAPTURE_FORMATS).describe('Its format.'),
      captured: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD')
        .describe('The day it was captured, YYYY-MM-DD.'),
    })
    .optional()
    .describe('Written by brief capture: the file the text was captured from, its format and the day.'),
});

export const Claim = z
  .strictObject({
    id: ClaimId.describe("The claim's id, <source-id>/<slug>: cited in reports as [@id]."),
    statement: text.describe('What the source says, in our words.'),
    quote: text.describe("A short verbatim quote from the source's text: brief finds it there."),
    locator: text.optional().describe('Where in the source (page, paragraph).'),
    type: z.enum(ClaimType).optional().describe('What kind of statement it is.'),
    topics: z.array(Id).default([]).describe('Topic ids the claim bears on.'),
    actors: z.array(ActorCode).default([]).describe('The actors it is about: codes from actors.yaml.'),
    about: Edtf.optional().describe('When what it says happened or applies: an EDTF date, quoted.'),
    stances: z
      .record(z.string(), z.number().int().min(STANCE_MIN).max(STANCE_MAX))
      .default({})
      .describe('The stance the claim takes on questions of questions.yaml: {question-id: −2…2}.'),
  })
  .describe('A claim');
export const ClaimsFile = z.strictObject({
  source: Id.describe('The id of the source these claims come from.'),
  claims: z.array(Claim).describe('The claims the source makes, each with a verbatim quote.'),
});

export type SourceMeta = z.infer<typeof SourceFrontMatter>;
export type ClaimData = z.infer<typeof Claim>;
