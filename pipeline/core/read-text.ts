// core: reading a corpus file as text. Files come from many hands: one saved in another encoding
// would otherwise be read with replacement characters and print wrong words without a word of
// warning, so bytes that are not UTF-8 are an error at the first bad byte. A byte-order mark is
// dropped. Only a regular file inside `roots` is read (inputs-fs.ts): a link out of them, a pipe or
// a device is refused, so a corpus from elsewhere must not read files of this machine.
import path from 'node:path';
import { diagnostic, type Diagnostic, type SourcePos } from './diagnostics.ts';
import { readInput } from './inputs-fs.ts';
import { displayPath, lineColumnAt } from './paths.ts';

/**
 * The file's text, or the diagnostic that says why it cannot be read as UTF-8, or at all. A
 * byte-order mark is dropped unless `keepBom` (a source text keeps every character, so offsets in
 * the evidence lock stay what they were). `roots` are the folders it may lead into (by default its
 * own); a refusal is located at `where` (by default the file's first line).
 */
export async function readUtf8(
  file: string,
  keepBom = false,
  roots: readonly string[] = [path.dirname(path.resolve(file))],
  options: { max?: number; where?: SourcePos } = {},
): Promise<{ text: string } | { problem: Diagnostic; missing?: boolean }> {
  const read = await readInput(file, roots, options);
  if ('problem' in read) return read;
  return decodeUtf8(read.bytes, file, keepBom);
}

/** Bytes as UTF-8 text, or E_NOT_UTF8 at the first bad byte. */
function decodeUtf8(bytes: Uint8Array, file: string, keepBom = false): { text: string } | { problem: Diagnostic } {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: keepBom });
  try {
    return { text: strict.decode(bytes) };
  } catch {
    // Where the first bad byte is: the first replacement character of a lenient reading.
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = Math.max(0, lenient.indexOf('\uFFFD'));
    const bad = Buffer.byteLength(lenient.slice(0, at));
    const { line, column } = lineColumnAt(lenient, at);
    return {
      problem: diagnostic(
        { file: displayPath(file), line, column },
        'E_NOT_UTF8',
        `the file is not UTF-8: byte 0x${bytes[bad]?.toString(16).toUpperCase().padStart(2, '0')} here is not valid in it (was it saved as Latin-1 or Windows-1252?)`,
        'save the file as UTF-8 (in most editors: Save with encoding, UTF-8); brief reads every corpus file as UTF-8',
      ),
    };
  }
}
