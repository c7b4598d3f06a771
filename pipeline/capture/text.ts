// capture: Markdown or plain-text bytes → text and metadata. The text is kept as it is, except: it must be
// UTF-8, a byte-order mark is dropped, CRLF becomes LF, and a Markdown file's YAML front matter is read and removed.
import { diagnostic } from '../core/diagnostics.ts';
import { lineColumnAt } from '../core/paths.ts';
import { parseYaml } from '../core/yaml-positions.ts';
import { CaptureError, type Captured, type CaptureMetadata } from './types.ts';
import { authorList, clean, edtfDate, findDoi, languageTag } from './metadata.ts';

/** The bytes as UTF-8 without a byte-order mark, or E_NOT_UTF8 at the first bad byte. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const at = Math.max(0, lenient.indexOf('\uFFFD'));
    const bad = bytes[Buffer.byteLength(lenient.slice(0, at))];
    throw new CaptureError(
      diagnostic(
        { file, ...lineColumnAt(lenient, at) },
        'E_NOT_UTF8',
        `the file is not UTF-8: byte 0x${bad?.toString(16).toUpperCase().padStart(2, '0')} here is not valid in it (was it saved as Latin-1 or Windows-1252?)`,
        'save it as UTF-8 (in most editors: Save with encoding, UTF-8), or convert it: iconv -f WINDOWS-1252 -t UTF-8 in.txt > out.txt',
      ),
    );
  }
}

/** A Markdown file's front matter: the values a source's metadata can use, and the line the body starts on. */
function frontMatter(text: string, file: string): { metadata: CaptureMetadata; body: string } {
  const m = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!m) return { metadata: {}, body: text };
  const parsed = parseYaml(file, m[1]!, 1);
  if (!parsed.value) throw new CaptureError(parsed.diagnostics[0]!);
  const fm = parsed.value.doc.toJS({ maxAliasCount: 50 }) as Record<string, unknown> | null;
  const v = (...keys: string[]) => keys.map((k) => fm?.[k]).find((x) => x !== undefined && x !== null);
  return {
    metadata:
      fm && typeof fm === 'object'
        ? {
            title: clean(v('title')),
            authors: authorList(v('authors', 'author')),
            published: edtfDate(v('published', 'date')),
            publisher: clean(v('publisher', 'site')),
            url: clean(v('url', 'source', 'link'))?.match(/^https?:\/\/\S+$/)?.[0],
            language: languageTag(v('language', 'lang')),
            doi: findDoi(String(v('doi') ?? '')),
          }
        : {},
    body: text.slice(m[0].length).replace(/^\n+/, ''),
  };
}

export function captureText(bytes: Uint8Array, file: string, markdown: boolean): Captured {
  const decoded = decodeUtf8(bytes, file)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  const { metadata, body } = markdown ? frontMatter(decoded, file) : { metadata: {}, body: decoded };
  if (!/[\p{L}\p{N}]/u.test(body)) {
    throw new CaptureError(
      diagnostic(
        { file, line: 1, column: 1 },
        'E_CAPTURE_EMPTY',
        'the file holds no text',
        "capture the file that holds the source's text",
      ),
    );
  }
  const lines = body.split('\n').map((l) => l.trim());
  const heading = markdown
    ? lines
        .find((l) => /^#\s+\S/.test(l))
        ?.replace(/^#\s+/, '')
        .replace(/\s+#+$/, '')
    : undefined;
  const first = lines.find((l) => l && !/^---+$/.test(l));
  const title =
    metadata.title ?? clean(heading) ?? (first && first.length <= 200 ? clean(first.replace(/^#+\s+/, '')) : undefined);
  return {
    format: markdown ? 'markdown' : 'text',
    text: body.endsWith('\n') ? body : `${body}\n`,
    metadata: { ...metadata, title, doi: metadata.doi ?? findDoi(body) },
  };
}
