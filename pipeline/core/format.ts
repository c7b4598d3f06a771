// core: diagnostics as a person reads them: `file:line:col  CODE  message`, a code frame, a hint.
import { existsSync, readFileSync } from 'node:fs';
import type { Diagnostic } from './diagnostics.ts';

/** Two lines of context above the problem and a caret under its column. */
export function codeFrame(text: string, line: number, column: number): string {
  const lines = text.split(/\r?\n/);
  const from = Math.max(1, line - 2);
  const to = Math.min(lines.length, line);
  const width = String(to).length;
  const out: string[] = [];
  for (let n = from; n <= to; n++) {
    const content = (lines[n - 1] ?? '').replace(/\t/g, '  ');
    const shown = content.length > 120 ? `${content.slice(0, 117)}...` : content;
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${shown}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, Math.min(column - 1, 117)))}^`);
  }
  return out.join('\n');
}

export function formatDiagnostic(d: Diagnostic, readText: (file: string) => string | undefined = readIfExists): string {
  const head = `${d.file}:${d.line}:${d.column}  ${d.code}  ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
  const text = readText(d.file);
  const frame = text === undefined ? '' : `\n${codeFrame(text, d.line, d.column)}`;
  return `${head}${frame}\n  hint: ${d.hint}`;
}

function readIfExists(file: string): string | undefined {
  try {
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}
