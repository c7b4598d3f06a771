// commands: the table of commands and flags the CLI reads: each command's summary, arguments, flags
// and examples, and how to load its main (only when called). Every flag is declared once.
import type { CommandMain } from '../run/command.ts';
import { SERVICE_FLAGS } from '../service/service-flag-names.ts';
import { CAPTURE_FLAGS } from './capture-flags.ts';

export interface Flag {
  readonly type: 'string' | 'boolean' | 'list';
  readonly value?: string;
  readonly short?: string;
  readonly help: string;
}

/** Every flag, once. A list flag may be repeated or comma-separated. */
export const FLAGS = {
  data: { type: 'string', value: 'DIR', help: 'the corpus folder (default: data)' },
  out: { type: 'string', value: 'DIR', short: 'o', help: 'where outputs go (default: out)' },
  texts: { type: 'list', value: 'DIR', help: 'another folder to find source texts in (repeatable; also $BRIEF_TEXTS)' },
  config: { type: 'string', value: 'FILE', help: 'project settings (default: brief.config.yaml, if present)' },
  audience: { type: 'list', value: 'a,b', help: 'only these audiences (pack: the one audience)' },
  pack: { type: 'string', value: 'ID', help: 'the pack defined in data/packs/<ID>.yaml' },
  report: { type: 'list', value: 'id,…', help: 'only these reports' },
  date: {
    type: 'string',
    value: 'YYYY-MM-DD',
    help: 'the edition date documents carry (default: today for what is redone)',
  },
  'allow-unverified': { type: 'boolean', help: 'cite claims whose quotes are not verified, visibly marked' },
  force: {
    type: 'boolean',
    help: 'redo every document, whatever the fingerprints say (edition: archive one even if nothing changed)',
  },
  html: { type: 'boolean', help: 'write HTML only: no browser, no PDF' },
  rebuild: {
    type: 'boolean',
    help: 'also build the edition again from its snapshot and compare the PDFs byte for byte',
  },
  archive: {
    type: 'string',
    value: 'DIR',
    help: 'where editions are archived (default: archive: in brief.config.yaml, else editions/ beside the data folder)',
  },
  backdate: { type: 'boolean', help: 'archive an edition dated before the latest one' },
  head: {
    type: 'string',
    value: 'SHA256|FILE',
    help: 'the sha256 of the newest manifest, kept outside the archive (or a copy of its HEAD.json): a rewritten or deleted newest edition is caught',
  },
  json: { type: 'boolean', help: 'print one JSON document on standard output, nothing else' },
  quiet: { type: 'boolean', short: 'q', help: 'print problems only, not what was done' },
  verbose: { type: 'boolean', help: 'also print each document kept, and how long each stage took' },
  ...SERVICE_FLAGS,
  ...CAPTURE_FLAGS,
  help: { type: 'boolean', short: 'h', help: 'this text' },
  version: { type: 'boolean', short: 'v', help: 'the version of brief' },
} as const satisfies Record<string, Flag>;
export type FlagName = keyof typeof FLAGS;

export const COMMON: readonly FlagName[] = ['data', 'out', 'texts', 'config', 'json', 'quiet', 'verbose', 'help'];

export interface Command {
  readonly summary: string;
  readonly args?: string;
  readonly flags: readonly FlagName[];
  readonly examples: readonly string[];
  readonly load: () => Promise<{ main: CommandMain }>;
}

export const COMMANDS: Record<string, Command> = {
  init: {
    summary:
      'start a corpus of your own in DIR (default: here): a config, a source with its text, two claims, an audience and a policy brief that builds at once',
    args: '[DIR]',
    flags: [],
    examples: ['brief init my-corpus && cd my-corpus && brief build'],
    load: () => import('./init.ts'),
  },
  schemas: {
    summary:
      'write the JSON Schemas of the corpus files to DIR/.brief/schemas/ (default: here), so an editor checks them as they are typed; run again after upgrading brief',
    args: '[DIR]',
    flags: [],
    examples: ['brief schemas', 'brief schemas my-corpus'],
    load: () => import('./schemas.ts'),
  },
  build: {
    summary: 'build every report for every audience it names (HTML and PDF) into out/, redoing only what changed',
    flags: ['audience', 'report', 'date', 'allow-unverified', 'force', 'html'],
    examples: ['brief build', 'brief build --report tr-az-convergence --audience analyst --date 2026-02-01'],
    load: () => import('./build.ts'),
  },
  check: {
    summary:
      'load, validate and anchor the whole corpus, and check the evidence lock against the texts at hand; writes nothing',
    flags: [],
    examples: ['brief check', 'brief check --texts ../texts --json'],
    load: () => import('./check.ts'),
  },
  capture: {
    summary:
      'a PDF, a saved web page, a DOCX, Markdown or text → a source: its text in data/sources/text/ and its metadata in data/sources/<id>.md',
    args: 'FILE…',
    flags: ['id', 'perspective', 'reliability', 'distribution', 'csl'],
    examples: [
      'brief capture ~/Downloads/report.pdf --perspective baku --reliability B',
      'brief capture article.html --id smith-2024',
      'brief capture *.pdf --csl zotero.json --json',
    ],
    load: () => import('./capture.ts'),
  },
  lock: {
    summary:
      'anchor every quote in its source text and write the evidence lock, data/anchors.lock, which verifies quotes where the texts are absent',
    flags: [],
    examples: ['brief lock --texts ../texts', 'BRIEF_TEXTS=../texts brief lock --json'],
    load: () => import('./lock.ts'),
  },
  templates: {
    summary:
      "list every template, partial and stylesheet and where each resolves from for each audience (brief's built-ins or the corpus); copy NAME starts an override",
    args: '[copy NAME]',
    flags: ['audience'],
    examples: [
      'brief templates',
      'brief templates --audience minister',
      'brief templates copy bluf --audience minister',
      'brief templates copy base.css',
    ],
    load: () => import('./templates.ts'),
  },
  quote: {
    summary:
      "the passages of a source's text that hold some words, exactly as it has them, with locator and line: ready to paste as a claim's quote",
    args: 'SOURCE WORDS…',
    flags: [],
    examples: [
      'brief quote roubanis-2024 two states one military',
      'brief quote topchubashov-2023 "pontoon bridges" --texts ../texts --json',
    ],
    load: () => import('./quote.ts'),
  },
  watch: {
    summary: 'build, then rebuild what each saved change affects, until Ctrl-C',
    flags: ['audience', 'report', 'allow-unverified', 'html'],
    examples: ['brief watch', 'brief watch --audience analyst --html'],
    load: () => import('./watch.ts'),
  },
  pack: {
    summary: 'one PDF for one audience: a cover, a contents page, then the documents, into out/packs/',
    flags: ['audience', 'pack', 'report', 'date', 'allow-unverified', 'force'],
    examples: [
      'brief pack --audience executive',
      'brief pack --audience analyst --pack weekly --date 2026-02-01',
      'brief pack --audience analyst --report tr-az-convergence,chronology',
    ],
    load: () => import('./pack.ts'),
  },
  serve: {
    summary:
      'an HTTP service: packs on demand (POST /api/packs) and a live preview of every document at http://127.0.0.1:8080/',
    flags: [
      'host',
      'port',
      'queue',
      'queue-size',
      'audience',
      'report',
      'allow-unverified',
      'browser-ws',
      'concurrency',
      'max-pages',
      'restart-after',
      'job-timeout',
      'request-timeout',
      'work-keep',
      'store-keep',
    ],
    examples: [
      'brief serve',
      'brief serve --port 9000 --queue redis://127.0.0.1:6379',
      'BRIEF_TOKENS="public:$(openssl rand -hex 32)" brief serve --host 0.0.0.0',
    ],
    load: () => import('./serve.ts'),
  },
  worker: {
    summary:
      'process the pack jobs of a Redis queue (brief serve --queue …), on its own Chromium or on remote browsers',
    flags: [
      'queue',
      'browser-ws',
      'concurrency',
      'max-pages',
      'restart-after',
      'job-timeout',
      'work-keep',
      'store-keep',
    ],
    examples: [
      'brief worker --queue redis://127.0.0.1:6379',
      'brief worker --queue redis://queue:6379 --browser-ws ws://chrome-1:3000 --browser-ws ws://chrome-2:3000',
    ],
    load: () => import('./worker.ts'),
  },
  edition: {
    summary:
      'archive a dated edition: every document and a pack per audience, a manifest, a changelog, the corpus it came from',
    flags: ['date', 'audience', 'allow-unverified', 'archive', 'backdate', 'force'],
    examples: [
      'brief edition',
      'brief edition --date 2026-02-01 --audience executive,analyst',
      'brief edition --force   # even if nothing changed since the last',
    ],
    load: () => import('./edition.ts'),
  },
  editions: {
    summary: 'list the archived editions: id, date, documents, claims, changes',
    flags: ['archive'],
    examples: ['brief editions', 'brief editions --json'],
    load: () => import('./editions.ts'),
  },
  diff: {
    summary:
      'the changes between two editions, or between an edition and the corpus now: claims, judgments, events, sources, numbers',
    args: 'EDITION [EDITION]',
    flags: ['date', 'archive'],
    examples: [
      'brief diff 2026-02-01 2026-03-01',
      'brief diff 2026-02-01',
      'brief diff 2026-02-01 2026-02-01.2 --json',
    ],
    load: () => import('./diff.ts'),
  },
  verify: {
    summary:
      'check archived editions against their manifests and the chain of manifests; --rebuild also rebuilds one from its snapshot',
    args: '[EDITION]',
    flags: ['rebuild', 'archive', 'head'],
    examples: ['brief verify', 'brief verify 2026-02-01 --rebuild', 'brief verify --head ~/pins/HEAD.json'],
    load: () => import('./verify.ts'),
  },
  conform: {
    summary:
      'check PDFs (or the PDFs in a folder) against the machine-checkable rules of PDF/UA-1 (Matterhorn) and PDF/A-2/-3: each failure with its page, place, rule and a hint',
    args: 'FILE…',
    flags: [],
    examples: ['brief conform out/pdf/tr-az-convergence.analyst.pdf', 'brief conform out/ --json'],
    load: () => import('./conform.ts'),
  },
};
