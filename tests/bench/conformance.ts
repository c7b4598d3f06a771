// Benchmark: what the PDF/UA-1 and PDF/A-2b finishing pass costs (issue 21: at most 15 % of a
// cold build). The floor's PDFs are Chromium's raw output for the same HTML brief printed, so the
// pass (print/pdf-metadata.ts finishPdf: metadata, XMP, OutputIntent, artifacts, link text, /ID)
// is timed on them in this process, in CPU time, and the size it adds is read off its output.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { finishPdf } from '../../pipeline/print/pdf-metadata.ts';

export interface PassCost {
  /** CPU seconds the pass took over every PDF. */
  readonly seconds: number;
  readonly rawBytes: number;
  readonly finishedBytes: number;
  readonly files: number;
}

export async function conformancePassCost(rawDir: string, editionDate: string): Promise<PassCost> {
  const files = readdirSync(rawDir).filter((f) => f.endsWith('.pdf'));
  let seconds = 0;
  let rawBytes = 0;
  let finishedBytes = 0;
  for (const f of files) {
    const raw = readFileSync(path.join(rawDir, f));
    const meta = { title: f, author: 'bench', subject: 'bench', keywords: [], language: 'en' };
    const before = process.cpuUsage();
    const { bytes } = await finishPdf(raw, meta, editionDate);
    const used = process.cpuUsage(before);
    seconds += (used.user + used.system) / 1e6;
    rawBytes += raw.byteLength;
    finishedBytes += bytes.byteLength;
  }
  return { seconds, rawBytes, finishedBytes, files: files.length };
}
