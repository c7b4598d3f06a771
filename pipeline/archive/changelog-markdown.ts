// archive: changes between two editions → CHANGELOG.md, one plain-words bullet per change under a section per kind of thing.
import type { Cell } from '../validate/index.ts';
import {
  ChangeSection,
  countChanges,
  sectionOf,
  type Change,
  type ChangeKind,
  type FieldChange,
  type FieldValue,
} from './changelog-kinds.ts';

export interface EditionRef {
  readonly id: string;
  readonly date: string;
}

/** Long text is cut to about this many characters, around where old and new first differ. */
const MAX = 160;
/** How much of the unchanged text is kept before the first difference, for context. */
const LEAD = 40;

/** Fields holding prose: quoted and cut; the others are short values shown bare. */
const PROSE = new Set(['statement', 'quote', 'text', 'title', 'bluf']);
/** Closed-set values, written as words ("very-likely" → "very likely"). */
const WORDS = new Set(['likelihood', 'confidence', 'type', 'category', 'distribution', 'kind']);

/** [one, many] words for a count of each kind in the summary line. */
const KIND_WORDS: Record<ChangeKind, readonly [string, string]> = {
  'claim-added': ['added', 'added'],
  'claim-removed': ['removed', 'removed'],
  'claim-changed': ['changed', 'changed'],
  'judgment-added': ['added', 'added'],
  'judgment-removed': ['removed', 'removed'],
  'judgment-changed': ['changed', 'changed'],
  'event-added': ['added', 'added'],
  'event-removed': ['removed', 'removed'],
  'event-redated': ['re-dated', 're-dated'],
  'event-changed': ['changed', 'changed'],
  'source-added': ['added', 'added'],
  'source-removed': ['removed', 'removed'],
  'source-regraded': ['re-graded', 're-graded'],
  'source-changed': ['changed', 'changed'],
  'dataset-added': ['added', 'added'],
  'dataset-removed': ['removed', 'removed'],
  'dataset-changed': ['redescribed', 'redescribed'],
  'dataset-row-added': ['row added', 'rows added'],
  'dataset-row-removed': ['row removed', 'rows removed'],
  'dataset-row-changed': ['row changed', 'rows changed'],
  'report-added': ['added', 'added'],
  'report-removed': ['removed', 'removed'],
  'report-changed': ['retitled', 'retitled'],
  'report-bluf-changed': ['bottom line changed', 'bottom lines changed'],
  'report-sections-changed': ['with sections edited', 'with sections edited'],
};

/** What a first edition holds, counted from its additions: [one, many] nouns. */
const HOLDS: readonly (readonly [ChangeKind, string, string])[] = [
  ['claim-added', 'claim', 'claims'],
  ['source-added', 'source', 'sources'],
  ['event-added', 'event', 'events'],
  ['dataset-added', 'dataset', 'datasets'],
  ['report-added', 'document', 'documents'],
];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function clip(text: string, max = MAX): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** Both texts cut to MAX, starting a little before their first difference, so the edit is what shows. */
function excerpts(a: string, b: string): [string, string] {
  if (a.length <= MAX && b.length <= MAX) return [a, b];
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let start = Math.max(0, p - LEAD);
  if (start > 0) start = a.lastIndexOf(' ', start) + 1;
  const cut = (s: string) => (start > 0 ? `…${clip(s.slice(start), MAX - 1)}` : clip(s));
  return [cut(a), cut(b)];
}

const quote = (s: string) => `"${s}"`;
const humanize = (s: string) => s.replace(/-/g, ' ');

function show(field: string, value: FieldValue): string {
  if (value === null) return 'none';
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (field.startsWith('stances.') && typeof value === 'number') return value > 0 ? `+${value}` : String(value);
  if (typeof value === 'string' && WORDS.has(field.split('.').pop()!)) return humanize(value);
  return String(value);
}

function fieldName(field: string): string {
  if (field.startsWith('stances.')) return `stance on ${field.slice('stances.'.length)}`;
  if (field.startsWith('columns.')) return `column ${field.slice('columns.'.length).replace('.', ' ')}`;
  return field === 'bluf' ? 'bottom line' : field;
}

function describeField({ field, from, to }: FieldChange): string {
  if (PROSE.has(field) && typeof from === 'string' && typeof to === 'string') {
    const [a, b] = excerpts(from, to);
    return `${fieldName(field)} changed: ${quote(a)} → ${quote(b)}`;
  }
  if (field === 'evidence' && Array.isArray(from) && Array.isArray(to)) {
    const added = to.filter((id) => !from.includes(id)).map((id) => `+${id}`);
    const removed = from.filter((id) => !to.includes(id)).map((id) => `−${id}`);
    return `evidence ${[...added, ...removed].join(', ')}`;
  }
  return `${fieldName(field)} ${show(field, from)} → ${show(field, to)}`;
}

const describeFields = (fields: readonly FieldChange[]) => fields.map(describeField).join('; ');

function cell(value: Cell, unit: string | null = null): string {
  if (value === null) return '(empty)';
  const text = typeof value === 'string' && /\s/.test(value) ? quote(clip(value, 80)) : String(value);
  return unit ? `${text} ${unit}` : text;
}

/** One bullet, in plain words. */
function describeChange(c: Change): string {
  const id = `**${c.id}**`;
  switch (c.kind) {
    case 'claim-added':
      return `${id} added: ${quote(clip(c.claim.statement))}`;
    case 'claim-removed':
      return `${id} removed: ${quote(clip(c.claim.statement))}`;
    case 'claim-changed':
      return `${id}: ${describeFields(c.fields)}`;
    case 'judgment-added':
      return `${c.id}, judgment ${c.judgment} added: ${quote(clip(c.text))}`;
    case 'judgment-removed':
      return `${c.id}, judgment ${c.judgment} removed: ${quote(clip(c.text))}`;
    case 'judgment-changed':
      return `${c.id}, judgment ${c.judgment}${c.was !== c.judgment ? ` (was ${c.was})` : ''}: ${describeFields(c.fields)}`;
    case 'event-added':
      return `${id} added: ${c.event.date}, ${quote(c.event.title)} (${humanize(c.event.category)})`;
    case 'event-removed':
      return `${id} removed: ${c.event.date}, ${quote(c.event.title)}`;
    case 'event-redated':
      return `${id}: re-dated ${c.from} → ${c.to} (${quote(c.title)})`;
    case 'event-changed':
      return `${id}: ${describeFields(c.fields)}`;
    case 'source-added':
      return `${id} added: ${quote(c.source.title)}${c.source.authors.length ? ` by ${c.source.authors.join(', ')}` : ''}, reliability ${c.source.reliability ?? 'not graded'}`;
    case 'source-removed':
      return `${id} removed: ${quote(c.source.title)}`;
    case 'source-regraded':
      return `${id}: reliability re-graded ${c.from ?? 'none'} → ${c.to ?? 'none'}`;
    case 'source-changed':
      return `${id}: ${describeFields(c.fields)}`;
    case 'dataset-added':
      return `${id} added: ${quote(c.title)} (${plural(c.rows, 'row', 'rows')})`;
    case 'dataset-removed':
      return `${id} removed: ${quote(c.title)} (${plural(c.rows, 'row', 'rows')})`;
    case 'dataset-changed':
      return `${id}: ${describeFields(c.fields)}`;
    case 'dataset-row-added':
    case 'dataset-row-removed': {
      const values = c.values.map((v) => `${v.column} ${cell(v.value, v.unit)}`).join(', ');
      return `${c.id}, row ${c.kind === 'dataset-row-added' ? 'added' : 'removed'}: ${quote(c.row)}${values ? ` (${values})` : ''}`;
    }
    case 'dataset-row-changed':
      return `${c.id}, ${quote(c.row)}: ${c.cells.map((x) => `${x.column} ${cell(x.from)} → ${cell(x.to, x.unit)}`).join('; ')}`;
    case 'report-added':
      return `${id} added: ${quote(c.title)} (${humanize(c.reportKind)}${c.judgments ? `, ${plural(c.judgments, 'key judgment', 'key judgments')}` : ''})`;
    case 'report-removed':
      return `${id} removed: ${quote(c.title)}`;
    case 'report-changed':
      return `${id}: ${describeFields(c.fields)}`;
    case 'report-bluf-changed':
      return `${id}: ${describeField({ field: 'bluf', from: c.from, to: c.to })}`;
    case 'report-sections-changed': {
      const list = (hs: readonly string[]) => hs.map(quote).join(', ');
      const parts = [
        c.changed.length ? `text changed in ${list(c.changed)}` : '',
        c.added.length ? `${c.added.length === 1 ? 'section' : 'sections'} added: ${list(c.added)}` : '',
        c.removed.length ? `${c.removed.length === 1 ? 'section' : 'sections'} removed: ${list(c.removed)}` : '',
      ];
      return `${id}: ${parts.filter(Boolean).join('; ')}`;
    }
  }
}

function countParts(changes: readonly Change[]): string[] {
  const { byKind } = countChanges(changes);
  return (Object.keys(ChangeSection) as ChangeSection[]).flatMap((section) => {
    const kinds = (Object.keys(byKind) as ChangeKind[]).filter((k) => sectionOf(k) === section && byKind[k] > 0);
    if (!kinds.length) return [];
    return [
      `${ChangeSection[section].toLowerCase()} ${kinds.map((k) => `${byKind[k]} ${KIND_WORDS[k][byKind[k] === 1 ? 0 : 1]}`).join(', ')}`,
    ];
  });
}

/** "12 changes: claims 1 added, 2 changed · events 1 re-dated". */
function summaryLine(changes: readonly Change[]): string {
  return `**${plural(changes.length, 'change', 'changes')}**: ${countParts(changes).join(' · ')}.`;
}

/** The same counts in a sentence, naming nothing: "2 changes (claims 2 changed)". */
export function changeCounts(changes: readonly Change[]): string {
  return `${plural(changes.length, 'change', 'changes')} (${countParts(changes).join(' · ')})`;
}

/** What an edition printed: its documents (reports × audiences) and packs. */
export interface EditionOutputs {
  readonly documents: number;
  readonly audiences: number;
  readonly packs: number;
}

function firstEdition(changes: readonly Change[], to: EditionRef, outputs: EditionOutputs | undefined): string {
  const { byKind } = countChanges(changes);
  // What it holds, never a list of zeros: a corpus without events or datasets does not say "0 events".
  const held = HOLDS.filter(([kind]) => kind !== 'report-added' && byKind[kind] > 0).map(([kind, one, many]) =>
    plural(byKind[kind], one, many),
  );
  const judgments = changes.reduce((n, c) => n + (c.kind === 'report-added' ? c.judgments : 0), 0);
  const printed = outputs
    ? `, printed as ${plural(outputs.documents, 'document', 'documents')} for ${plural(outputs.audiences, 'audience', 'audiences')} and ${plural(outputs.packs, 'pack', 'packs')}`
    : '';
  const lines = [
    `# First edition: ${to.date}`,
    '',
    `This first edition holds ${[...held, ''].join(', ')}and ${plural(byKind['report-added'], 'report', 'reports')} with ${plural(judgments, 'key judgment', 'key judgments')}${printed}.`,
  ];
  const reports = changes.filter((c) => c.kind === 'report-added');
  if (reports.length)
    lines.push('', `## ${ChangeSection.documents}`, '', ...reports.map((c) => `- ${describeChange(c)}`));
  return `${lines.join('\n')}\n`;
}

/**
 * CHANGELOG.md for edition `to`. `from` is the edition it is compared with, or null for the first
 * edition, whose `changes` (everything added, from an empty summary) are summed up rather than listed.
 */
export function changelogMarkdown(
  changes: readonly Change[],
  from: EditionRef | null,
  to: EditionRef,
  outputs?: EditionOutputs,
): string {
  if (from === null) return firstEdition(changes, to, outputs);
  const lines = [`# Changes from edition ${from.date} to ${to.date}`, ''];
  if (from.id !== from.date || to.id !== to.date) lines.push(`Editions \`${from.id}\` → \`${to.id}\`.`, '');
  if (changes.length === 0) return `${[...lines, 'No changes.'].join('\n')}\n`;
  lines.push(summaryLine(changes));
  for (const [section, heading] of Object.entries(ChangeSection)) {
    const mine = changes.filter((c) => sectionOf(c.kind) === section);
    if (mine.length) lines.push('', `## ${heading}`, '', ...mine.map((c) => `- ${describeChange(c)}`));
  }
  return `${lines.join('\n')}\n`;
}
