// core: the plain values of YAML texts the fast reader read (yaml-fast.ts), kept by the sha256 of
// the text, so that a check after an edit reads again only what changed. Held in memory by a
// long-lived process (watch, serve) between rebuilds, and on disk between runs (run/check-cache.ts).
// A value is the same whoever reads it: the stages do not mutate their inputs.
import { createHash } from 'node:crypto';

export class ParseCache {
  /** Text hash → the plain value, as the fast reader gave it. */
  private readonly values: Map<string, unknown>;
  /** The hashes this run asked for: what is written back, so entries of texts gone are dropped. */
  private readonly used = new Set<string>();
  /** Whether this run read anything not in the cache (or the cache holds more than was asked for). */
  private added = false;

  constructor(entries: Iterable<[string, unknown]> = []) {
    this.values = new Map(entries);
  }

  static hashOf(text: string): string {
    return createHash('sha256').update(text).digest('hex');
  }

  /** How many texts it holds. */
  get size(): number {
    return this.values.size;
  }

  /** The cached value of the text with this hash, if any. */
  get(hash: string): { value: unknown } | undefined {
    if (!this.values.has(hash)) return undefined;
    this.used.add(hash);
    return { value: this.values.get(hash) };
  }

  set(hash: string, value: unknown): void {
    this.values.set(hash, value);
    this.used.add(hash);
    this.added = true;
  }

  /** Whether the entries asked for this run differ from those held: then they are worth writing. */
  get changed(): boolean {
    return this.added || this.used.size !== this.values.size;
  }

  /** The entries asked for this run (the next run's cache), and forgets the rest. */
  entries(): [string, unknown][] {
    for (const hash of [...this.values.keys()]) if (!this.used.has(hash)) this.values.delete(hash);
    this.used.clear();
    this.added = false;
    return [...this.values];
  }
}
