// model: indexing entries by id, and checking that a reference names one; what dangles is located.
import { plural } from '../core/plural.ts';
import type { Code } from '../core/codes.ts';
import { diagnostic, type Diagnostic, type SourcePos } from '../core/diagnostics.ts';
import { didYouMean } from '../core/suggest.ts';
import { locate, type PathKey, type YamlSource } from '../core/yaml-positions.ts';
import type { Located, ValidatedCorpus } from '../validate/index.ts';

/** Checks that `id` is a key of `known`; if not, a located error with the nearest id as hint. */
export type Ref = (
  kind: string,
  id: string,
  known: ReadonlyMap<string, unknown>,
  src: YamlSource,
  at: readonly PathKey[],
  code: Code,
  context: string,
) => void;

/** Whether a reference to claim `id` waits on its entry's own error (and is then counted). */
export type HeldBack = (id: string) => boolean;

/** Index entries by id; a second entry with the same id is an error at the second place. */
export type Index = <T>(kind: string, entries: readonly { id: string; at: SourcePos; value: T }[]) => Map<string, T>;

export interface References {
  readonly index: Index;
  readonly byId: <T extends { id: string }>(kind: string, list: readonly Located<T>[]) => Map<string, T>;
  readonly ref: Ref;
  readonly heldBack: HeldBack;
  /** W_DEPENDENTS: once at each invalid claim, how many references wait on it. */
  readonly dependents: () => Diagnostic[];
}

/** The indexing and reference checks of one corpus; what they find is added to `diagnostics`. */
export function references(corpus: ValidatedCorpus, diagnostics: Diagnostic[]): References {
  function index<T>(kind: string, entries: readonly { id: string; at: SourcePos; value: T }[]): Map<string, T> {
    const map = new Map<string, T>();
    const first = new Map<string, SourcePos>();
    for (const { id, at, value } of entries) {
      const prior = first.get(id);
      if (prior) {
        diagnostics.push(
          diagnostic(
            at,
            'E_DUPLICATE_ID',
            `${kind} id "${id}" is used twice`,
            `the first is at ${prior.file}:${prior.line}:${prior.column}; give one of them another id`,
          ),
        );
        continue;
      }
      first.set(id, at);
      map.set(id, value);
    }
    return map;
  }
  const byId = <T extends { id: string }>(kind: string, list: readonly Located<T>[]) =>
    index(
      kind,
      list.map((l) => ({ id: l.value.id, at: locate(l.src, [...l.path, 'id']), value: l.value })),
    );

  /**
   * A reference to a claim whose own entry is invalid is not a second error: the claim's error is
   * the cause. Such references are counted, and the count is said once, at the claim.
   */
  const dependents = new Map<string, number>();
  const heldBack = (id: string) => {
    // A claim of a claims file that could not be read at all waits on that file's error, uncounted.
    if (corpus.unread.claimFiles.includes(id.split('/')[0]!)) return true;
    if (!corpus.unparsedClaims.has(id)) return false;
    dependents.set(id, (dependents.get(id) ?? 0) + 1);
    return true;
  };

  /** Checks that `id` is a key of `known`; if not, a located error with the nearest id as hint. */
  function ref(
    kind: string,
    id: string,
    known: ReadonlyMap<string, unknown>,
    src: YamlSource,
    at: readonly PathKey[],
    code: Code,
    context: string,
  ) {
    if (known.has(id)) return;
    if (kind === 'claim' && heldBack(id)) return;
    // A chart, dataset or source whose own file has an error is reported there, once.
    if (kind === 'event' && corpus.unread.eventFiles > 0) return;
    if (
      (kind === 'chart' && corpus.unparsedCharts.includes(id)) ||
      (kind === 'dataset' && corpus.unparsedDatasets.includes(id)) ||
      (kind === 'source' && corpus.unparsedSources.includes(id))
    )
      return;
    if (known.size === 0 && kind === 'actor') return; // no actors file: codes are not checked
    diagnostics.push(
      diagnostic(
        locate(src, at),
        code,
        `${context} names ${kind} "${id}", which does not exist`,
        didYouMean(
          id,
          known.keys(),
          known.size === 0
            ? `define it first: the corpus has no ${kind} yet`
            : `define it first, or use one of the ${plural(known.size, `known ${kind} id`)}`,
        ),
      ),
    );
  }

  const dependentsOf = () =>
    [...dependents].map(([id, count]) =>
      diagnostic(
        corpus.unparsedClaims.get(id)!,
        'W_DEPENDENTS',
        `claim "${id}" is left out because of the error in its entry; ${plural(count, 'reference')} to it, in reports, events or datasets, ${count === 1 ? 'waits' : 'wait'} on that fix`,
        'fix the error reported for this claim; its references are then checked again',
        'warning',
      ),
    );

  return { index, byId, ref, heldBack, dependents: dependentsOf };
}
