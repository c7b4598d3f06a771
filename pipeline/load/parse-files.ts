// load: one parser per file format; each returns its parsed form plus syntax diagnostics.
import matter from 'gray-matter';
import { parse as parseCsv } from 'csv-parse/sync';
import { isSeq, isMap, isScalar } from 'yaml';
import { diagnostic } from '../core/diagnostics.ts';
import { lineColumnAt } from '../core/paths.ts';
import type { ParseCache } from '../core/parse-cache.ts';
import { parseYaml, posAtOffset, type Parsed } from '../core/yaml-positions.ts';
import type { MarkdownSource, TableRow, TableSource } from './types.ts';

export { parseYaml, type Parsed };

/**
 * Markdown with front matter. gray-matter splits the file (always given an
 * options object: without one it caches by input text and shares results);
 * its own YAML engine is replaced because it loses positions and turns dates into Dates.
 */
export function parseMarkdown(file: string, text: string, cache?: ParseCache): Parsed<MarkdownSource> {
  if (!/^---\r?\n/.test(text)) {
    return {
      value: undefined,
      diagnostics: [
        diagnostic(
          { file, line: 1, column: 1 },
          'E_NO_FRONT_MATTER',
          'the file does not start with YAML front matter',
          'begin the file with a line "---", the metadata, and another "---"',
        ),
      ],
    };
  }
  // A front matter that is never closed would be read to the end of the file, and the body
  // reported as bad YAML: say what is wrong instead.
  if (!/\r?\n---[ \t]*(?:\r?\n|$)/.test(text.slice(3))) {
    return {
      value: undefined,
      diagnostics: [
        diagnostic(
          { file, line: 1, column: 1 },
          'E_UNCLOSED_FRONT_MATTER',
          'the front matter opened on line 1 is never closed',
          'end the metadata with a line "---" before the body begins',
        ),
      ],
    };
  }
  const split = matter(text, { engines: { yaml: () => ({}) }, language: 'yaml' });
  // With CRLF line ends gray-matter leaves the last line's \r on the front matter: not YAML's to see.
  const fm = parseYaml(file, split.matter.replace(/^\r?\n/, '').replace(/\r$/, ''), 1, cache);
  const bodyStart = text.length - split.content.length;
  const bodyLine = lineColumnAt(text, bodyStart).line;
  if (!fm.value) return { value: undefined, diagnostics: fm.diagnostics };
  return { value: { file, frontMatter: fm.value, body: split.content, bodyLine }, diagnostics: [] };
}

/** CSV with a header row; every row remembers its line. */
export function parseCsvTable(file: string, text: string): Parsed<TableSource> {
  // csv-parse counts a CRLF inside a quoted cell as two lines, and every later row came a line low
  // (the last, past the end of the file): CRLF is read as LF, as in every other file.
  const lf = text.replace(/\r\n/g, '\n');
  try {
    const records = parseCsv(lf, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      raw: true,
      bom: true,
    }) as {
      record: Record<string, string>;
      info: { lines: number; bytes: number };
      raw: string;
    }[];
    const firstLine = lf.split('\n', 1)[0] ?? '';
    const columns = (parseCsv(firstLine, { bom: true, trim: true }) as string[][])[0] ?? [];
    // The line each row starts on, counted from the records' raw text, which follow each other from
    // the header on (csv-parse tells the line a record ends on, and counts a CR in a quoted cell).
    const newlines = (s: string) => s.split('\n').length - 1;
    const first = records[0];
    let line =
      1 +
      (first
        ? newlines(
            Buffer.from(lf)
              .subarray(0, first.info.bytes - Buffer.byteLength(first.raw))
              .toString(),
          )
        : 0);
    const rows: TableRow[] = records.map((r) => {
      // A record's raw text begins with the blank lines skipped before it.
      const blank = /^(?:[^\S\n]*\n)*/.exec(r.raw)![0];
      const starts = cellStarts(r.raw.slice(blank.length));
      const row = {
        line: line + newlines(blank),
        cells: r.record,
        columns: Object.fromEntries(columns.map((c, i) => [c, starts[i] ?? 1])),
      };
      line += newlines(r.raw);
      return row;
    });
    return { value: { file, columns, rows, text }, diagnostics: [] };
  } catch (err) {
    const e = err as { message: string; lines?: number; code?: string };
    // csv-parse counts a CR in a quoted cell, or as a line end, as a line: never past the last line.
    const line = Math.min(Math.max(1, e.lines ?? 1), lf.split('\n').length);
    return {
      value: undefined,
      diagnostics: [
        diagnostic(
          { file, line, column: 1 },
          'E_CSV_SYNTAX',
          `CSV syntax error: ${e.message}`,
          'every row needs as many cells as the header; quote cells that contain commas',
        ),
      ],
    };
  }
}

/**
 * 1-based start column of each cell of one raw CSV record. csv-parse gives the record's raw
 * text but not where its cells start; this scan respects quoted cells with commas in them.
 */
function cellStarts(raw: string): number[] {
  const starts = [1];
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) starts.push(i + 2);
    else if (ch === '\n' && !quoted) break;
  }
  return starts;
}

/** A JSON data file: an array of flat objects. */
export function parseJsonTable(file: string, text: string): Parsed<TableSource> {
  const parsed = parseYaml(file, text);
  if (!parsed.value) return { value: undefined, diagnostics: parsed.diagnostics };
  const src = parsed.value;
  const root = src.doc.contents;
  if (!isSeq(root)) {
    return {
      value: undefined,
      diagnostics: [
        diagnostic(
          posAtOffset(src, 0),
          'E_DATA_SHAPE',
          'a JSON dataset must be an array of objects',
          'write the rows as [{"column": value, …}, …]',
        ),
      ],
    };
  }
  const columns = new Set<string>();
  const rows: TableRow[] = [];
  for (const item of root.items) {
    if (!isMap(item)) continue;
    const cells: Record<string, string | number | boolean | null> = {};
    for (const pair of item.items) {
      if (isScalar(pair.key) && isScalar(pair.value)) {
        const key = String(pair.key.value);
        columns.add(key);
        cells[key] = pair.value.value as string | number | boolean | null;
      }
    }
    rows.push({ line: posAtOffset(src, item.range?.[0] ?? 0).line, cells });
  }
  return { value: { file, columns: [...columns], rows, text }, diagnostics: [] };
}
