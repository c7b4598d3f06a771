// capture: a ZIP archive's bytes → the bytes of one named member (a DOCX is a ZIP). Reads the central
// directory only; stored and deflated members. Hand-written: no ZIP library is a declared dependency.
import { inflateRawSync } from 'node:zlib';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The names of the archive's members, with where each is and how it is stored; undefined if this is not a ZIP. */
function directory(zip: Buffer): Map<string, { offset: number; method: number; size: number }> | undefined {
  // The end-of-central-directory record sits in the last 64 kB (its comment is at most 65535 bytes).
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const members = new Map<string, { offset: number; method: number; size: number }>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return undefined;
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const offset = zip.readUInt32LE(at + 42);
    members.set(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'), { offset, method, size });
    at += 46 + nameLength + extra + comment;
  }
  return members;
}

export function zipMembers(bytes: Uint8Array): string[] | undefined {
  const members = directory(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return members && [...members.keys()];
}

/** The member's bytes, or undefined when the archive has no such member or cannot be read. */
export function zipMember(bytes: Uint8Array, name: string): Buffer | undefined {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entry = directory(zip)?.get(name);
  if (!entry || zip.readUInt32LE(entry.offset) !== LOCAL) return undefined;
  const start = entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28);
  const data = zip.subarray(start, start + entry.size);
  try {
    if (entry.method === 0) return Buffer.from(data);
    if (entry.method === 8) return inflateRawSync(data, { maxOutputLength: 64_000_000 });
  } catch {
    return undefined;
  }
  return undefined;
}
