// core: the formats `brief capture` reads, shared by capture/ (which reads them) and validate/ (captured_from.format).
export const CaptureFormat = { pdf: 'pdf', html: 'html', docx: 'docx', markdown: 'markdown', text: 'text' } as const;
export type CaptureFormat = (typeof CaptureFormat)[keyof typeof CaptureFormat];
export const CAPTURE_FORMATS = Object.values(CaptureFormat) as [CaptureFormat, ...CaptureFormat[]];
