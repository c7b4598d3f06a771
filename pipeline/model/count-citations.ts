// model: a sentence that counts sources cites (or names) as many sources as it counts (W_COUNT_UNCITED).
// E_SOURCE_COUNT holds a count to the stance data, or to the citations of its whole paragraph; this rule
// is stricter on the sentence itself, so that "none expects …" with two of five sources cited, or
// "every source that addresses …" with one, cannot pass because a neighbour cites the rest.
//
// The rules, in order:
// - A count is a number word or digits before "sources"/"texts" ("four sources", "the two Baku-based
//   sources", "three of the five sources"), "both (…) sources", or a universal: "all (the) sources",
//   "every/each source", "no source", "none (of them / of the five …)". A universal counts the universe:
//   the sources a comparative document compares, else the corpus's public sources ("none of the five" counts five).
//   "every source that …" narrows the universe: in a question's passage to the sources coded on it, elsewhere
//   to at least two.
// - Only a sentence that attributes a position to the sources counted is checked (see POSITION in
//   evidence-rules.ts): "This document sets five sources side by side" counts its scope, not a finding.
// - A negative universal ("none", "no source") states an absence when its verb is about what the texts
//   contain (cover, mention, give, discuss, write, say, argue, describe, record, …): no quote can show an
//   absence, so "None of the five texts covers developments after 2025" is not checked. One that states
//   a stance each source holds ("none expects …", "no source sees …") must cite every source it counts.
// - In a question's passage, a sentence about who answers or addresses the question is checked against the
//   stance data by E_SOURCE_COUNT, and not here.
// - A source counts as cited when the sentence cites one of its claims, and as named when the sentence uses
//   one of its authors' names. A sentence that cites nothing introduces what follows: it is checked against
//   the sentences after it in its paragraph.
import { citedIds } from '../core/citations.ts';
import { diagnostic, type Diagnostic, type SourcePos } from '../core/diagnostics.ts';
import { lineColumnAt } from '../core/paths.ts';
import { sentences } from '../core/report-parts.ts';
import type { YamlSource } from '../core/yaml-positions.ts';
import { ADDRESS, type EvidenceContext, passages, POSITION } from './evidence-rules.ts';

const WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];
const N = `(?:${WORDS.join('|')}|[1-9]\\d?)(?!\\d)`;
const value = (w: string) => (/^\d+$/.test(w) ? Number(w) : WORDS.indexOf(w.toLowerCase()));
/** Up to two words between the number and the noun: "Baku-based", "Baku", "European", "public" (the match ignores case). */
const QUAL = `(?:(?:[A-Z][\\w’'–-]*|[a-z]+-based|public|internal)\\s+){0,2}`;
const NOUN = "(?:sources?|texts?)(?!['’])";

/** Verbs that say what a text contains: a negative universal with one states an absence, which no quote shows. */
const ABSENCE =
  /\b(?:cover|mention|give|discuss|write|say|argue|describe|record|report|note|cite|name|date|offer|provide|address|take)s?\b|\bwrote\b|\btakes?\s+up\b/i;

export interface CountPhrase {
  /** How many sources the phrase counts; `universe` for "all", "every", "none" with no number. */
  readonly n: number | 'universe';
  /** "none", "no source": the sources counted hold no such position. */
  readonly negative: boolean;
  /** "every source that …": the universe narrowed by a relative clause. */
  readonly restricted: boolean;
  readonly phrase: string;
  readonly index: number;
}

/** Every phrase of a sentence that counts sources. */
export function countPhrases(sentence: string): CountPhrase[] {
  const found: CountPhrase[] = [];
  const taken: [number, number][] = [];
  const at = (index: number, phrase: string, n: number | 'universe', negative: boolean) => {
    const [a, b] = [index, index + phrase.length];
    if (taken.some(([x, y]) => a < y && x < b)) return;
    taken.push([a, b]);
    const restricted = n === 'universe' && /^\s+(?:that|which|who)\b/i.test(sentence.slice(b));
    found.push({ n, negative, restricted, phrase, index: a });
  };
  const add = (m: RegExpMatchArray, n: number | 'universe', negative: boolean) => at(m.index!, m[0], n, negative);
  const re = (s: string) => new RegExp(s, 'gi');
  for (const m of sentence.matchAll(
    re(`\\b(${N}|all|both|none|each)\\s+of\\s+(?:the|these|those)\\s+(?:(${N})\\s+)?${QUAL}${NOUN}\\b`),
  )) {
    const w = m[1]!.toLowerCase();
    const of = m[2] ? value(m[2]) : 'universe';
    add(m, w === 'both' ? 2 : w === 'all' || w === 'none' || w === 'each' ? of : value(w), w === 'none');
  }
  for (const m of sentence.matchAll(re(`\\b(${N}|all|both|none|each)\\s+of\\s+them\\b`))) {
    const w = m[1]!.toLowerCase();
    add(m, w === 'both' ? 2 : /^(?:all|none|each)$/.test(w) ? 'universe' : value(w), w === 'none');
  }
  for (const m of sentence.matchAll(
    re(`\\b(?:(?:all|only|the|these|those)\\s+)?(?:the\\s+)?(${N})\\s+${QUAL}${NOUN}\\b`),
  ))
    add(m, value(m[1]!), false);
  for (const m of sentence.matchAll(re(`\\bboth\\s+(?:the\\s+)?${QUAL}${NOUN}\\b`))) add(m, 2, false);
  for (const m of sentence.matchAll(
    re(`\\b(every|each|no)\\s+${QUAL}(?:source|text)\\b(?!['’])|\\ball\\s+(?:the\\s+)?${QUAL}(?:sources|texts)\\b`),
  ))
    add(m, 'universe', /^no\b/i.test(m[0]));
  // "None expects …", "and none sees …": a bare "none" as the subject of a verb counts the universe
  // ("threats where there are none" is no count).
  for (const m of sentence.matchAll(/(?:^|[;:,]\s+|\b(?:and|but|yet|though)\s+)(none)(?=\s+[a-z]+s\b)/gi)) {
    at(m.index! + m[0].length - m[1]!.length, m[1]!, 'universe', true);
  }
  return found.filter((c) => c.n === 'universe' || c.n > 0);
}

/** The sources a sentence names by one of their authors' names. */
function namedSources(text: string, r: EvidenceContext): Set<string> {
  const generic = /^(?:center|centre|institute|team|brief|analytical|group|the|of|and)$/i;
  const named = new Set<string>();
  for (const [id, s] of r.sources) {
    const words = s.authors.flatMap((a) => a.split(/\s+/)).filter((w) => w.length > 2 && !generic.test(w));
    if (words.some((w) => new RegExp(`\\b${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text))) named.add(id);
  }
  return named;
}

/**
 * Where a phrase of front-matter prose is written: the field's position, moved on to the phrase itself
 * when its words are found after it in the YAML (a folded scalar breaks lines where the prose does not).
 */
function inFrontMatter(field: SourcePos, src: YamlSource, phrase: string): SourcePos {
  const lines = src.text.split('\n');
  const from = lines.slice(0, Math.max(0, field.line - src.lineOffset - 1)).join('\n').length;
  const words = phrase.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const m = new RegExp(words.join('\\s+')).exec(src.text.slice(from));
  if (!m) return field;
  const { line, column } = lineColumnAt(src.text, from + m.index);
  return { file: field.file, line: line + src.lineOffset, column };
}

/** `reported`: what E_SOURCE_COUNT already says of the report; a phrase it refuses is not warned about again. */
export function checkCountCitations(r: EvidenceContext, reported: readonly Diagnostic[] = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  const compared =
    r.meta.kind === 'comparative-perspectives'
      ? (r.meta.sources.length ? r.meta.sources : [...r.sources.keys()]).filter((id) => r.sources.has(id))
      : [...r.sources.values()].filter((s) => s.distribution !== 'internal').map((s) => s.id);
  const coded = (question: string) =>
    new Set(
      [...r.claims.values()].filter((c) => question in c.stances && compared.includes(c.source)).map((c) => c.source),
    ).size;
  const citedSources = (text: string) => new Set(citedIds(text).flatMap((id) => r.claims.get(id)?.source ?? []));

  for (const p of passages(r)) {
    const all = sentences(p.markdown);
    for (const [i, s] of all.entries()) {
      if (/^#/.test(s.text) || !POSITION.test(s.text)) continue;
      if (p.question && ADDRESS.test(s.text)) continue;
      const phrases = countPhrases(s.text);
      if (!phrases.length) continue;
      // A sentence that cites nothing introduces what follows in its paragraph.
      const own = citedSources(s.text);
      const scope = own.size
        ? s.text
        : all
            .slice(i)
            .filter((x) => x.paragraph === s.paragraph)
            .map((x) => x.text)
            .join(' ');
      const cited = own.size ? own : citedSources(scope);
      const known = new Set([...cited, ...namedSources(scope, r)]);
      for (const c of phrases) {
        const verb = s.text
          .slice(c.index + c.phrase.length)
          .split(/\s+/)
          .slice(0, 5)
          .join(' ');
        if (c.negative && ABSENCE.test(verb)) continue;
        const universe = c.restricted ? (p.question ? coded(p.question) : 2) : compared.length;
        const n = c.n === 'universe' ? universe : c.n;
        if (known.size >= n) continue;
        if (reported.some((d) => d.code === 'E_SOURCE_COUNT' && d.message.includes(`"${c.phrase}"`))) continue;
        const list = [...cited].sort().join(', ');
        out.push(
          diagnostic(
            p.body ? p.at(s.offset + c.index) : inFrontMatter(p.at(0), r.src, s.text.slice(c.index, c.index + 60)),
            'W_COUNT_UNCITED',
            `report "${r.id}": "${c.phrase}" counts ${n} source${n === 1 ? '' : 's'} but ${own.size ? 'the sentence' : 'the sentence and those after it'} cite${own.size ? 's' : ''} ${cited.size}${cited.size ? `: ${list}` : ''}`,
            'cite a claim of each counted source or name them, or count only the sources cited',
            'warning',
          ),
        );
      }
    }
  }
  return out;
}
