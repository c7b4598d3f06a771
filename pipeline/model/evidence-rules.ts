// model: rules that keep a report's prose from saying more than its evidence.
// - A sentence of a bottom line or a summary cites its evidence, as the body does (W_UNCITED_SENTENCE).
// - A sentence that counts sources ("four of the five sources answer…", "the five sources agree…")
//   agrees with the stance data, or cites as many sources as it counts (E_SOURCE_COUNT).
// - A key judgment about two or more parties draws on more than one side where the corpus has
//   evidence from another (W_ONE_SIDED_JUDGMENT).
import { citedIds } from '../core/citations.ts';
import { diagnostic, type Diagnostic, type SourcePos } from '../core/diagnostics.ts';
import { lineColumnAt } from '../core/paths.ts';
import { reportProse, sentences } from '../core/report-parts.ts';
import { questionOfSection, splitSections } from '../core/sections.ts';
import { locate } from '../core/yaml-positions.ts';
import type { Actor, JudgmentData, Perspective, Question } from '../validate/index.ts';
import type { Claim, Source } from './types.ts';
import type { ReportInput } from './outline.ts';
import { plural } from '../core/plural.ts';

const WORDS = ['none', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const N = `(?:${WORDS.join('|')}|\\d+)`;
const value = (w: string) => (/^\d+$/.test(w) ? Number(w) : WORDS.indexOf(w.toLowerCase()));

export interface SourceCount {
  /** How many the sentence says; null for "all". */
  readonly n: number | null;
  /** The total it names ("of the five sources"), if any. */
  readonly of: number | null;
  readonly phrase: string;
}

/** Every count of sources a sentence makes. Hand-written: no library reads English quantifiers. */
export function sourceCounts(sentence: string): SourceCount[] {
  const found: SourceCount[] = [];
  const taken: [number, number][] = [];
  const add = (m: RegExpMatchArray, c: Omit<SourceCount, 'phrase'>) => {
    const span: [number, number] = [m.index!, m.index! + m[0].length];
    if (taken.some(([a, b]) => span[0] < b && a < span[1])) return;
    taken.push(span);
    found.push({ ...c, phrase: m[0] });
  };
  for (const m of sentence.matchAll(
    new RegExp(`\\b(${N}|all|both)\\s+of\\s+(?:the\\s+(?:(${N})\\s+)?sources|them)\\b`, 'gi'),
  )) {
    const n = /^all$/i.test(m[1]!) ? null : /^both$/i.test(m[1]!) ? 2 : value(m[1]!);
    add(m, { n, of: m[2] ? value(m[2]) : null });
  }
  for (const m of sentence.matchAll(
    new RegExp(`\\b(?:(the|all(?:\\s+the)?|both(?:\\s+the)?)\\s+)?(${N})\\s+sources?\\b`, 'gi'),
  )) {
    const n = value(m[2]!);
    // "all five sources" names the whole; "the three sources (that …)" counts some of them.
    add(m, m[1] && /^all/i.test(m[1]) ? { n: null, of: n } : { n, of: null });
  }
  for (const m of sentence.matchAll(/\b(?:all(?:\s+the)?\s+sources|no\s+source)\b/gi))
    add(m, { n: /^no/i.test(m[0]) ? 0 : null, of: null });
  return found;
}

/** Verbs that attribute a position to the sources counted: such a sentence must cite them. */
export const POSITION =
  /\b(?:agree|say|see|describe|argue|expect|record|note|share|hold|judge|conclude|warn|believe|doubt|accept|reject|support|oppose|blame|predict|call|read|treat)s?\b/i;
export const ADDRESS = /\b(?:answers?|answered|address(?:es|ed)?|take[sn]? a position|(?:are|is) coded)\b/i;
/** "do not address", "never answers", "doesn't take a position": the count is of the silent ones. */
const NEGATED =
  /\b(?:not|never)\s+(?:\w+\s+)?(?:answers?|address(?:es)?|take|coded)\b|n't\s+(?:\w+\s+)?(?:answer|address|take)\b/i;

export interface EvidenceContext extends ReportInput {
  readonly claims: ReadonlyMap<string, Claim>;
  readonly sources: ReadonlyMap<string, Source>;
  readonly questions: ReadonlyMap<string, Question>;
}

interface Passage {
  readonly markdown: string;
  readonly at: (offset: number) => SourcePos;
  readonly question: string | undefined;
  readonly evidential: boolean;
  readonly body: boolean;
}

export function passages(r: EvidenceContext): Passage[] {
  const fromFrontMatter = reportProse(r.meta).map((p) => {
    const pos = locate(r.src, p.path);
    return { markdown: p.markdown, at: () => pos, question: p.question, evidential: p.evidential, body: false };
  });
  const questions = [...r.questions.values()];
  const bodyPassages = splitSections(r.body).map((s) => {
    const start = r.body.indexOf(s.markdown);
    return {
      markdown: s.markdown,
      at: (offset: number) => {
        const { line, column } = lineColumnAt(r.body, start + offset);
        return { file: r.file, line: line + r.bodyLine - 1, column };
      },
      question: r.meta.kind === 'comparative-perspectives' ? questionOfSection(s, questions)?.id : undefined,
      evidential: false,
      body: true,
    };
  });
  return [...fromFrontMatter, ...bodyPassages];
}

export function checkEvidenceRules(r: EvidenceContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const context = `report "${r.id}"`;
  const compared =
    r.meta.kind === 'comparative-perspectives'
      ? (r.meta.sources.length ? r.meta.sources : [...r.sources.keys()]).filter((id) => r.sources.has(id))
      : [];
  // Which compared sources take a stance on each question: read once from the claims.
  const coded = new Map<string, Set<string>>();
  if (compared.length) {
    for (const c of r.claims.values())
      for (const q of Object.keys(c.stances)) (coded.get(q) ?? coded.set(q, new Set()).get(q)!).add(c.source);
  }
  const addressing = (question: string) => compared.filter((s) => coded.get(question)?.has(s)).length;
  const sourcesCited = (markdown: string) =>
    new Set(citedIds(markdown).flatMap((id) => r.claims.get(id)?.source ?? [])).size;

  for (const p of passages(r)) {
    const all = sentences(p.markdown);
    const cites = (i: number) => all[i] !== undefined && /\[@/.test(all[i]!.text);
    for (const [i, s] of all.entries()) {
      // A sentence that frames or concludes what its cited neighbour says may stand without a citation of its own.
      const neighbourCites =
        (cites(i - 1) && all[i - 1]!.paragraph === s.paragraph) ||
        (cites(i + 1) && all[i + 1]!.paragraph === s.paragraph);
      if (p.evidential && !/\[@/.test(s.text) && !/^#/.test(s.text) && !neighbourCites) {
        out.push(
          diagnostic(
            p.at(s.offset),
            'W_UNCITED_SENTENCE',
            `${context}: a sentence of its ${p.question ? 'common ground' : 'summary'} cites no evidence: "${s.text.length > 80 ? `${s.text.slice(0, 77)}…` : s.text}"`,
            'cite the claims it rests on, [@source-id/slug], as the body does',
            'warning',
          ),
        );
      }
      // Counts are checked where prose states findings; a list of assumptions or indicators states none.
      if (!p.evidential && p.question === undefined && !p.body) continue;
      for (const count of sourceCounts(s.text).filter((c) => compared.length || !/of\s+them$/i.test(c.phrase))) {
        const where = p.at(s.offset + s.text.indexOf(count.phrase));
        if (compared.length && count.of !== null && count.of !== compared.length) {
          out.push(
            diagnostic(
              where,
              'E_SOURCE_COUNT',
              `${context} says "${count.phrase}", but it compares ${compared.length} sources`,
              'count the sources the document compares (its `sources:`)',
            ),
          );
          continue;
        }
        const total = compared.length || count.of;
        const n = count.n ?? total;
        if (n === null || n === 0) continue;
        if (p.question && ADDRESS.test(s.text)) {
          const yes = addressing(p.question);
          const expected = NEGATED.test(s.text) ? compared.length - yes : yes;
          if (n !== expected) {
            out.push(
              diagnostic(
                where,
                'E_SOURCE_COUNT',
                `${context} says "${count.phrase}" on question "${p.question}", but the stance data show ${yes} of ${compared.length} sources addressing it`,
                'correct the count, or code the claims that take a position (their `stances:`)',
              ),
            );
          }
          continue;
        }
        if (!POSITION.test(s.text)) continue;
        const paragraph = all
          .filter((x) => x.paragraph === s.paragraph)
          .map((x) => x.text)
          .join(' ');
        const cited = Math.max(sourcesCited(s.text), sourcesCited(paragraph));
        if (cited < n) {
          out.push(
            diagnostic(
              where,
              'E_SOURCE_COUNT',
              `${context} says "${count.phrase}" ${count.n === null ? `(${n})` : ''} but the sentence and its paragraph cite claims from ${cited === 0 ? 'no source' : `only ${cited}`}`.replace(
                '  ',
                ' ',
              ),
              `cite a claim from each of the ${n} sources it counts, or count only the sources it cites`,
            ),
          );
        }
      }
    }
  }
  return out;
}

/** The actors a judgment is about: its `parties`, else those whose name or alias its text uses. */
function judgmentParties(j: JudgmentData, actors: ReadonlyMap<string, Actor>): string[] {
  if (j.parties) return j.parties;
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return [...actors.values()]
    .filter((a) => [a.name, ...a.aliases].some((n) => new RegExp(`\\b${escapeRegExp(n)}(?:'s)?\\b`).test(j.text)))
    .map((a) => a.id);
}

/** A judgment about two or more parties whose evidence all comes from one side, where the corpus has another. */
export function oneSidedJudgments(
  r: EvidenceContext,
  actors: ReadonlyMap<string, Actor>,
  perspectives: ReadonlyMap<string, Perspective>,
): Diagnostic[] {
  const sideOf = (sourceId: string): string | undefined => {
    const p = r.sources.get(sourceId)?.perspective;
    return p === undefined ? undefined : (perspectives.get(p)?.base ?? p);
  };
  return r.meta.judgments.flatMap((j, i) => {
    const parties = judgmentParties(j, actors);
    if (parties.length < 2) return [];
    const sides = new Set(j.evidence.flatMap((id) => sideOf(r.claims.get(id)?.source ?? '') ?? []));
    if (sides.size !== 1) return [];
    const [side] = sides;
    const elsewhere = [...r.claims.values()].filter((c) => {
      const other = sideOf(c.source);
      return other !== undefined && other !== side && parties.filter((p) => c.actors.includes(p)).length >= 2;
    });
    if (!elsewhere.length) return [];
    const names = parties.map((p) => actors.get(p)?.name ?? p).join(', ');
    return [
      diagnostic(
        locate(r.src, ['judgments', i, 'evidence']),
        'W_ONE_SIDED_JUDGMENT',
        `report "${r.id}", key judgment ${i + 1}, is about ${names} but all its evidence comes from sources based in ${side}`,
        `the corpus has ${plural(elsewhere.length, 'claim')} on them from other sides, e.g. ${elsewhere
          .slice(0, 3)
          .map((c) => c.id)
          .join(', ')}; cite one, or name the judgment's \`parties:\` if it is about one side only`,
        'warning',
      ),
    ];
  });
}

const LIKELY_OR_ABOVE = new Set(['likely', 'very-likely', 'almost-certain']);

/**
 * Why a key judgment's evidence is too thin (W_THIN_JUDGMENT), or undefined. Only public sources count
 * towards the two a judgment needs: the team's internal note is its own reading of them, not another
 * source. A judgment held with low confidence may rest on one public source; one that rests only on
 * internal sources and is rated likely or above is thin whatever its confidence, and the message says so.
 */
export function thinJudgment(
  j: Pick<JudgmentData, 'evidence' | 'confidence' | 'likelihood'>,
  claims: ReadonlyMap<string, Pick<Claim, 'source'>>,
  sources: ReadonlyMap<string, Pick<Source, 'distribution'>>,
): { message: string; hint: string } | undefined {
  const from = [...new Set(j.evidence.flatMap((id) => claims.get(id)?.source ?? []))].sort();
  const internal = from.filter((s) => sources.get(s)?.distribution === 'internal');
  const open = from.filter((s) => !internal.includes(s));
  const likely = j.likelihood !== undefined && LIKELY_OR_ABOVE.has(j.likelihood);
  if (open.length >= 2) return undefined;
  const fewer = "cite claims from at least two sources where the corpus allows, or lower the judgment's confidence";
  if (!from.length) return j.confidence === 'low' ? undefined : { message: 'rests on no source', hint: fewer };
  if (!open.length && internal.length) {
    if (!likely && j.confidence === 'low') return undefined;
    return {
      message: `rests only on the team's internal source${internal.length > 1 ? 's' : ''} ${internal.join(', ')}${likely ? `, yet is rated ${j.likelihood}` : ''}; public editions leave it out`,
      hint: "cite public claims that bear it out, or hold it as a hypothesis (roughly-even or less, low confidence) and say in its basis that it is the team's own reading",
    };
  }
  if (j.confidence === 'low') return undefined;
  return {
    message: `rests on a single source, ${open[0]}${internal.length ? ` (with the team's internal ${internal.join(', ')}, which is not a second source)` : ''}`,
    hint: fewer,
  };
}
