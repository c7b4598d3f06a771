// model: Markdown in a report body that the printed document cannot carry. The sanitizer drops
// an image (a document loads nothing from outside itself), so an image written in a body would
// vanish without a word: each is an error at its line and column instead.
import MarkdownIt from 'markdown-it';
import { diagnostic, type Diagnostic } from '../core/diagnostics.ts';

const md = new MarkdownIt({ html: false, linkify: false });

/** `bodyLine` is the 1-based line of the file the body starts on. */
export function markdownImages(body: string, bodyLine: number, file: string): Diagnostic[] {
  const lines = body.split('\n');
  const found: Diagnostic[] = [];
  for (const block of md.parse(body, {})) {
    const images = (block.children ?? []).filter((t) => t.type === 'image');
    if (!images.length || !block.map) continue;
    // markdown-it knows the block's lines, not where in them an image starts: take each "![" in turn.
    let n = 0;
    for (let i = block.map[0]; i < block.map[1] && n < images.length; i++) {
      for (
        let col = lines[i]!.indexOf('![');
        col >= 0 && n < images.length;
        col = lines[i]!.indexOf('![', col + 2), n++
      ) {
        const image = images[n]!;
        found.push(
          diagnostic(
            { file, line: bodyLine + i, column: col + 1 },
            'E_MARKDOWN_IMAGE',
            `an image ("${image.attrGet('src') ?? ''}") cannot be printed: a document loads no file and no address`,
            'draw it as a chart from a dataset (data/charts/), or describe it in words and cite the source that shows it',
          ),
        );
      }
    }
  }
  return found;
}
