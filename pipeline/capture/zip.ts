// capture: a ZIP archive's bytes (a DOCX is one) → its member names, and one member's text, through
// JSZip (the ZIP reader mammoth itself uses). A member is read only up to a bound: a "zip bomb" of a
// core.xml must not fill memory.
import type JSZip from 'jszip';

/** The largest member read (a DOCX's docProps/core.xml is a few kB). */
const MAX_MEMBER_BYTES = 1_000_000;

async function open(bytes: Uint8Array): Promise<JSZip | undefined> {
  const { default: JSZipClass } = await import('jszip');
  try {
    return await JSZipClass.loadAsync(bytes);
  } catch {
    return undefined; // not a ZIP, or a damaged one: the caller says which format it expected
  }
}

/** The archive's member names; undefined if the bytes are no ZIP JSZip can read. */
export async function zipMembers(bytes: Uint8Array): Promise<string[] | undefined> {
  const zip = await open(bytes);
  return zip && Object.keys(zip.files);
}

/** One member as UTF-8 text, or undefined when the archive has no such member, cannot be read, or it is too large. */
export async function zipText(bytes: Uint8Array, name: string): Promise<string | undefined> {
  const entry = (await open(bytes))?.file(name);
  if (!entry) return undefined;
  try {
    const data = await entry.async('uint8array');
    return data.byteLength > MAX_MEMBER_BYTES ? undefined : new TextDecoder().decode(data);
  } catch {
    return undefined;
  }
}
