import { diagnostic, type Diagnostic } from './diagnostics.ts';
import { displayPath, lineColumnAt } from './paths.ts';

/** Bytes as UTF-8 text, or E_NOT_UTF8 at the first bad byte. */
export function decodeUtf8(
  bytes: Uint8Array,
  file: string,
  keepBom = false,
): { text: string } | { problem: Diagnostic } {
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
