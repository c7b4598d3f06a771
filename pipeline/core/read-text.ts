// core: reading a corpus file as text. Files come from many hands: one saved in another encoding
// would otherwise be read with replacement characters and print wrong words without a word of
// warning, so bytes that are not UTF-8 are an error at the first bad byte. A byte-order mark is
// dropped. A link that leads out of the folder it sits in is refused: a corpus from elsewhere
// must not read files of this machine.
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { displayPath, lineColumnAt } from './paths.ts';

/**
 * The file's text, or the diagnostic that says why it cannot be read as UTF-8. A byte-order mark
 * is dropped unless `keepBom` (a source text keeps every character, so offsets in the evidence
 * lock stay what they were).
 */
export async function readUtf8(file: string, keepBom = false): Promise<{ text: string } | { problem: Diagnostic }> {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: keepBom });
  const bytes = await readFile(file);
  try {
    return { text: strict.decode(bytes) };
  } catch {
    // Where the first bad byte is: the first replacement character of a lenient reading.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = Math.max(0, lenient.indexOf('\uFFFD'));
    const bad = Buffer.byteLength(lenient.slice(0, at));
    const { line, column } = lineColumnAt(lenient, at);
    return { problem: diagnostic({ file: displayPath(file), line, column }, 'E_NOT_UTF8', `the file is not UTF-8: byte 0x${bytes[bad]?.toString(16).toUpperCase().padStart(2, '0')} here is not valid in it (was it saved as Latin-1 or Windows-1252?)`,
      'save the file as UTF-8 (in most editors: Save with encoding, UTF-8); brief reads every corpus file as UTF-8') };
  }
}

/** A file reached through a link that leads outside `root` (both resolved): refused, with where it leads. */
export function linkOutside(file: string, root: string): Diagnostic | undefined {
  let real: string;
  let base: string;
  try {
    real = realpathSync(file);
    base = realpathSync(root);
  } catch {
    return undefined;
  }
  if (real === base || real.startsWith(`${base}${path.sep}`)) return undefined;
  return diagnostic({ file: displayPath(file), line: 1, column: 1 }, 'E_LINK_OUTSIDE', `the file is a link to ${real}, outside the data folder`,
    'copy the file into the data folder; source texts kept elsewhere are found with --texts DIR');
}
