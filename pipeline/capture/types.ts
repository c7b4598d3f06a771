// capture: what reading a file gives (its text, its metadata), and the error a file that cannot be read raises.
import type { Diagnostic } from '../core/diagnostics.ts';
import type { CaptureFormat } from '../core/capture-formats.ts';

/** What a file says about itself; a field is absent when the file does not say it. */
export interface CaptureMetadata {
  readonly title?: string;
  readonly authors?: readonly string[];
  /** EDTF: 2024, 2024-03 or 2024-03-05. */
  readonly published?: string;
  readonly publisher?: string;
  readonly url?: string;
  /** BCP 47-ish: en, fa, en-GB. */
  readonly language?: string;
  readonly doi?: string;
}

export interface Captured {
  readonly format: CaptureFormat;
  /** The text as written to the corpus: UTF-8, LF line ends; a PDF's pages separated by a line holding only "\f". */
  readonly text: string;
  readonly metadata: CaptureMetadata;
}

/** A file that cannot be captured: a user's problem, reported as a diagnostic, never with a stack. */
export class CaptureError extends Error {
  override name = 'CaptureError';
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}
