// core: the catalog of every diagnostic code, in one place: its stage (problems are ordered by
// stage, so a cause comes before what it causes) and what it means. `diagnostic()` takes only a
// code from here, and a test holds the README's table of errors to the same list.

export const Stage = { parse: 0, validate: 1, model: 2, outline: 3, anchor: 4, lock: 5, build: 6 } as const;
type StageName = keyof typeof Stage;

const code = (stage: StageName, means: string) => ({ stage, means });

export const CODES = {
  E_YAML_SYNTAX: code('parse', 'a YAML file (or front matter) cannot be parsed'),
  E_CSV_SYNTAX: code('parse', 'a CSV file cannot be parsed'),
  E_NO_FRONT_MATTER: code('parse', 'a Markdown file does not start with front matter'),
  E_UNCLOSED_FRONT_MATTER: code('parse', 'a front matter opened with --- is never closed'),
  E_YAML_ALIASES: code('parse', 'YAML aliases that would expand into too much data'),
  E_NOT_UTF8: code('parse', 'a file that is not UTF-8'),
  E_LINK_OUTSIDE: code('parse', 'a corpus file that is a link to a file outside the data folder'),
  E_NO_CONFIG: code('parse', 'the config file named does not exist'),
  E_NO_DATA_DIR: code('parse', 'the data folder does not exist'),
  E_NO_FOLDER: code('parse', 'a templates or styles folder of the config lacks what every document needs'),
  E_UNKNOWN_KEY: code('validate', 'a field that is not part of the format'),
  E_MISSING_FIELD: code('validate', 'a required field is missing'),
  E_BAD_TYPE: code('validate', 'a field has the wrong type'),
  E_BAD_VALUE: code('validate', 'a field is outside its closed set or range'),
  E_BAD_ID: code('validate', 'a malformed id'),
  E_BAD_DATE: code('validate', 'not an EDTF date, or an interval that runs backwards'),
  E_MISSING_COLUMN: code('validate', 'a dataset lacks a column its sidecar declares'),
  E_UNDECLARED_COLUMN: code('validate', 'a dataset has a column its sidecar does not declare'),
  E_BAD_CELL: code('validate', 'a dataset cell is not of its column type'),
  E_NO_DATA_FILE: code('validate', 'a dataset sidecar without its data file'),
  E_NO_SIDECAR: code('validate', 'a data file without its sidecar'),
  E_DATA_SHAPE: code('validate', 'a JSON dataset that is not a list of objects'),
  E_CHART_SCHEMA: code('validate', 'a chart spec breaks the Vega-Lite schema'),
  E_CHART_EXTERNAL: code('validate', 'a chart would load a URL or file'),
  E_NO_GLYPH: code('validate', 'a character in no bundled font, which the PDF would draw from the machine\'s fonts'),
  E_UNKNOWN_SOURCE: code('model', 'a reference to a source that does not exist'),
  E_UNKNOWN_CLAIM: code('model', 'a reference to a claim that does not exist'),
  E_UNKNOWN_QUESTION: code('model', 'a reference to a question that does not exist'),
  E_UNKNOWN_ACTOR: code('model', 'a reference to an actor that does not exist'),
  E_UNKNOWN_PERSPECTIVE: code('model', 'a reference to a perspective that does not exist'),
  E_UNKNOWN_AUDIENCE: code('model', 'a reference to an audience that does not exist'),
  E_UNKNOWN_CHART: code('model', 'a reference to a chart that does not exist'),
  E_UNKNOWN_DATASET: code('model', 'a reference to a dataset that does not exist'),
  E_UNKNOWN_EVENT: code('model', 'a reference to an event that does not exist'),
  E_UNKNOWN_FIELD: code('model', 'a chart uses a field its dataset does not have'),
  E_UNKNOWN_REPORT: code('model', 'a pack names a report that does not exist'),
  E_DUPLICATE_ID: code('model', 'an id used twice'),
  E_CLAIM_ID_PREFIX: code('model', 'a claim id that does not start with its source id'),
  E_CITATION_SYNTAX: code('model', 'a citation in another syntax than [@id] or [@a; @b]'),
  E_MARKDOWN_IMAGE: code('model', 'an image in a report body, which a document cannot load'),
  W_DEPENDENTS: code('model', 'a claim left out because of its own error, with the references that wait on it'),
  W_THIN_JUDGMENT: code('model', 'a key judgment resting on a single source'),
  W_UNKNOWN_OMIT: code('model', 'an omit slug that matches no section and no part'),
  E_MISSING_PART: code('outline', 'a required part of a kind\'s outline is missing'),
  E_PART_COUNT: code('outline', 'too few or too many key judgments or turning points'),
  E_MISSING_SECTION: code('outline', 'a required ## section is missing'),
  E_WRONG_KIND_PART: code('outline', 'a part of another kind\'s outline'),
  E_UNKNOWN_JUDGMENT: code('outline', 'an indicator names no key judgment of its report'),
  E_EVENT_NO_PERIOD: code('outline', 'an event of a chronology falls in none of its periods'),
  E_SOURCE_COUNT: code('outline', 'a count of sources the stance data or citations do not bear out'),
  W_UNCITED_SENTENCE: code('outline', 'a summary sentence with no citation near it'),
  W_ONE_SIDED_JUDGMENT: code('outline', 'a judgment about both sides resting on one side\'s sources'),
  E_TEMPLATE: code('outline', 'a broken template or audience override'),
  W_UNKNOWN_OVERRIDE: code('outline', 'an override file no render would use'),
  E_QUOTE_NOT_FOUND: code('anchor', 'a quote is not in its source text'),
  E_QUOTE_EXCLUDED: code('anchor', 'a quote found only outside the author\'s text'),
  E_EXCLUDE_NOT_FOUND: code('anchor', 'an exclude snippet that is not in the text'),
  W_NO_TEXT: code('anchor', 'a source text was not found'),
  E_LOCK_STALE: code('lock', 'the evidence lock is missing or out of date (check)'),
  W_LOCK_STALE: code('lock', 'the evidence lock is missing or out of date (build)'),
  E_LOCK_SYNTAX: code('lock', 'the evidence lock is not in the shape brief lock writes'),
  E_LOCK_NO_TEXT: code('lock', 'brief lock: a source text was not found'),
  E_UNVERIFIED_CLAIM: code('build', 'a cited quote is unverified'),
  E_DISTRIBUTION: code('build', 'material an audience may not receive'),
  W_JUDGMENT_OMITTED: code('build', 'a key judgment left out of an audience\'s version'),
  E_PAGE_BUDGET: code('build', 'a PDF runs over its audience\'s page budget'),
  E_PACK_AUDIENCE: code('build', 'a pack not made for the audience asked for'),
  E_CHART_INVALID: code('build', 'a chart that cannot be drawn'),
} as const;

export type Code = keyof typeof CODES;

/** Where a code's stage falls in the order problems are reported in. */
export const stageOf = (c: string): number => (c in CODES ? Stage[CODES[c as Code].stage] : Stage.build);
