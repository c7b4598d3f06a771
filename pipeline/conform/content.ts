// conform: each page's content stream, read with pdf.js: text and images painted outside any tagged
// marked content and outside any /Artifact (Matterhorn 01-005), artifacts and tagged content nested
// in each other (01-003, 01-004), and the marked-content ids a page draws (for the ParentTree check).
import { openPdf } from '../core/pdfjs.ts';

export interface PageContent {
  /** 1-based. */
  readonly page: number;
  readonly untaggedText: number;
  readonly untaggedImages: number;
  readonly artifactInTagged: number;
  readonly taggedInArtifact: number;
  /** MCIDs drawn by the page's own content (not by the form XObjects it paints). */
  readonly mcids: ReadonlySet<number>;
}

/** pdf.js hands a marked-content tag over as a string, or as its Name object cloned ({ name }). */
const tagOf = (arg: unknown): string =>
  typeof arg === 'string' ? arg : ((arg as { name?: string } | null)?.name ?? '');

export async function readContent(bytes: Uint8Array): Promise<PageContent[]> {
  const { pdfjs, task } = await openPdf(bytes);
  const { OPS } = pdfjs;
  const TEXT = new Set<number>([
    OPS.showText,
    OPS.showSpacedText,
    OPS.nextLineShowText,
    OPS.nextLineSetSpacingShowText,
  ]);
  const IMAGES = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);
  try {
    const doc = await task.promise;
    const out: PageContent[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const list = await page.getOperatorList({ intent: 'print', annotationMode: pdfjs.AnnotationMode.DISABLE });
      const stack: { artifact: boolean; tagged: boolean }[] = [];
      let form = 0;
      const counts = { untaggedText: 0, untaggedImages: 0, artifactInTagged: 0, taggedInArtifact: 0 };
      const mcids = new Set<number>();
      const inArtifact = () => stack.some((f) => f.artifact);
      const inTagged = () => stack.some((f) => f.tagged);
      for (let i = 0; i < list.fnArray.length; i++) {
        const fn = list.fnArray[i]!;
        const args = list.argsArray[i] as unknown[] | null;
        if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) {
          const tag = tagOf(args?.[0]);
          const mcid = fn === OPS.beginMarkedContentProps && typeof args?.[1] === 'number' ? args[1] : undefined;
          const frame = { artifact: tag === 'Artifact', tagged: mcid !== undefined };
          if (frame.artifact && inTagged()) counts.artifactInTagged++;
          if (frame.tagged && inArtifact()) counts.taggedInArtifact++;
          if (mcid !== undefined && form === 0) mcids.add(mcid);
          stack.push(frame);
        } else if (fn === OPS.endMarkedContent) stack.pop();
        else if (fn === OPS.paintFormXObjectBegin) form++;
        else if (fn === OPS.paintFormXObjectEnd) form--;
        else if (!inArtifact() && !inTagged()) {
          if (TEXT.has(fn)) counts.untaggedText++;
          else if (IMAGES.has(fn)) counts.untaggedImages++;
        }
      }
      out.push({ page: n, ...counts, mcids });
      page.cleanup();
    }
    return out;
  } finally {
    await task.destroy();
  }
}
