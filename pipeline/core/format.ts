// core: diagnostics as a person reads them: `file:line:col  CODE  message`, a code frame, a hint.
import path from 'node:path';
import { readInputSync } from './inputs-fs.ts';
import type { Diagnostic } from './diagnostics.ts';

const FRAME_WIDTH = 120;
// C0 and C1 controls but tab (shown as spaces) and the line breaks a frame splits at.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** A frame is read from a file of at most this size: a diagnostic in a bigger one is shown without. */
const FRAME_MAX_BYTES = 20_000_000;

/**
 * Files refused for where they point: a frame would print what the link leads to (a secret outside
 * the corpus), so no diagnostic of the batch shows their content.
 */
const REFUSED_FOR_PLACE = new Set(['E_LINK_OUTSIDE']);

/**
 * The part of a line a frame shows: all of it when it fits, else a window around `column`
 * (1-based), marked with "…" where it was cut. Returns the text and where the column falls in it.
 */
function frameWindow(content: string, column: number, width = FRAME_WIDTH): { text: string; caret: number } {
  if (content.length <= width) return { text: content, caret: column - 1 };
  const at = Math.min(Math.max(column - 1, 0), content.length);
  const start = Math.max(0, Math.min(at - Math.floor(width / 2), content.length - (width - 1)));
  // Room for a closing "…" only if the line goes on: the last character of a line was cut for it.
  const room = start + width - (start > 0 ? 1 : 0);
  const end = room >= content.length ? content.length : room - 1;
  const text = `${start > 0 ? '…' : ''}${content.slice(start, end)}${end < content.length ? '…' : ''}`;
  return { text, caret: at - start + (start > 0 ? 1 : 0) };
}

/** Two lines of context above the problem and a caret under its column, also on a long line. */
export function codeFrame(text: string, line: number, column: number): string {
  const lines = text.split(/\r?\n/);
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line);
  const width = String(to).length;
  // A tab is shown as two spaces: the caret moves on one place for each tab before the column.
  const at = column + ((lines[line - 1] ?? '').slice(0, column - 1).match(/\t/g)?.length ?? 0);
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    // A lone "\r" left at a line's end (the last line of a CRLF file cut short) would send the terminal's cursor back: not shown.
    // Control characters (binary junk, a stray ESC) would drive the terminal: shown as U+FFFD, one for one.
    const content = (lines[n - 1] ?? '').replace(/\r$/, '').replace(/\t/g, '  ').replace(CONTROLS, '\uFFFD');
    // Context lines are cut at the same place as the problem line, so columns stay aligned.
    // A column past what is shown (the "\r" dropped above) points just after it.
    const shown = frameWindow(content, Math.min(at, content.length + 1));
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${shown.text}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, shown.caret))}^`);
  }
  return out.join('\n');
}

export function formatDiagnostic(d: Diagnostic, readText: (file: string) => string | undefined = readIfExists): string {
  if (REFUSED_FOR_PLACE.has(d.code)) readText = () => undefined;
  const head = `${d.file}:${d.line}:${d.column}  ${d.code}  ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
  const text = readText(d.file);
  const frame = text === undefined ? '' : `\n${codeFrame(text, d.line, d.column)}`;
  return `${head}${frame}\n  hint: ${d.hint}`;
}

/** Diagnostics as formatted text; a file one of them refuses for its place is shown in none of them. */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  readText: (file: string) => string | undefined = readIfExists,
): string[] {
  const refused = new Set(diagnostics.filter((d) => REFUSED_FOR_PLACE.has(d.code)).map((d) => d.file));
  return diagnostics.map((d) => formatDiagnostic(d, (file) => (refused.has(file) ? undefined : readText(file))));
}

/**
 * The file a problem points at, for its code frame: only a regular file inside its own folder, of a
 * sane size (a link to /proc/self/environ is never shown, a pipe never waited on; see inputs-fs.ts);
 * nor a PDF, a DOCX or another binary file `brief capture` was given, whose first line is no frame.
 */
function readIfExists(file: string): string | undefined {
  try {
    const read = readInputSync(file, [path.dirname(path.resolve(file))], { max: FRAME_MAX_BYTES });
    if (!('bytes' in read)) return undefined;
    const bytes = read.bytes;
    if (
      bytes.subarray(0, 1024).includes(0) ||
      /^(?:%PDF-|PK\u0003\u0004)/.test(bytes.subarray(0, 5).toString('latin1'))
    )
      return undefined;
    return bytes.toString('utf8');
  } catch {
    return undefined;
  }
}
