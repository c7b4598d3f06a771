// Test support: read PDFs back with poppler (pdftotext, pdfinfo, pdffonts), as a reader's tools would.
import { $ } from 'zx';

$.quiet = true;

export async function pdfText(file: string): Promise<string> {
  return (await $`pdftotext -enc UTF-8 -layout ${file} -`).stdout;
}

export async function pdfInfo(file: string): Promise<Record<string, string>> {
  const out = (await $`pdfinfo ${file}`).stdout;
  return Object.fromEntries(
    out
      .split('\n')
      .filter((l) => l.includes(':'))
      .map((l) => {
        const i = l.indexOf(':');
        return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
      }),
  );
}

export interface PdfFont {
  readonly name: string;
  readonly embedded: boolean;
}

export async function pdfFonts(file: string): Promise<PdfFont[]> {
  const lines = (await $`pdffonts ${file}`).stdout.split('\n').slice(2).filter(Boolean);
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/);
    // name type… encoding emb sub uni object ID: emb is the 5th column from the end.
    return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
  });
}
