// core: how file paths are shown to the user (relative to where they ran the command).
import path from 'node:path';

export function displayPath(absPath: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, absPath);
  return rel.startsWith('..') || path.isAbsolute(rel) ? absPath : rel.split(path.sep).join('/');
}

/** Offset in `text` → 1-based line and column (UTF-16 units). */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
