// print: the sRGB ICC profile of the PDF/A OutputIntent, made here from the published constants of
// IEC 61966-2-1. No npm package ships one (npm.tsv has only ICC parsers), pdfjs-dist's iccs/ holds a
// CMYK profile, and a Debian file would be one more thing to install; reading one at run time from
// the network is out of the question. This is the ICC version 2 layout every sRGB profile uses: a
// display ("mntr") RGB profile with D50-adapted colorants, the D65 white and the sRGB tone curve
// (its linear toe included) as a 1,024-point table. The same bytes every time, about 2.5 kB.

const fixed = (v: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(Math.round(v * 65536));
  return b;
};
const ascii = (s: string) => Buffer.from(s, 'latin1');
const xyz = (x: number, y: number, z: number) =>
  Buffer.concat([ascii('XYZ '), Buffer.alloc(4), fixed(x), fixed(y), fixed(z)]);

function text(s: string): Buffer {
  return Buffer.concat([ascii('text'), Buffer.alloc(4), ascii(`${s}\0`)]);
}

function description(s: string): Buffer {
  const count = Buffer.alloc(4);
  count.writeUInt32BE(s.length + 1);
  // ASCII part, then an empty Unicode part (language, count) and an empty ScriptCode part (2 + 1 + 67 bytes).
  return Buffer.concat([ascii('desc'), Buffer.alloc(4), count, ascii(`${s}\0`), Buffer.alloc(8), Buffer.alloc(70)]);
}

function curve(points: number): Buffer {
  const b = Buffer.alloc(12 + 2 * points);
  b.write('curv', 0, 'latin1');
  b.writeUInt32BE(points, 8);
  for (let i = 0; i < points; i++) {
    const x = i / (points - 1);
    const y = x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    b.writeUInt16BE(Math.round(y * 65535), 12 + 2 * i);
  }
  return b;
}

let made: Uint8Array | undefined;

/** The profile's bytes (made once per process). */
export function srgbProfile(): Uint8Array {
  if (made) return made;
  const trc = curve(1024);
  const tags: [string, Buffer][] = [
    ['desc', description('sRGB IEC61966-2.1')],
    ['cprt', text('No copyright: made by brief from the constants of IEC 61966-2-1')],
    ['wtpt', xyz(0.9505, 1, 1.089)],
    ['rXYZ', xyz(0.436074, 0.222504, 0.013932)],
    ['gXYZ', xyz(0.385065, 0.716879, 0.097105)],
    ['bXYZ', xyz(0.14308, 0.060617, 0.714173)],
    ['rTRC', trc],
    ['gTRC', trc],
    ['bTRC', trc],
  ];
  const table = Buffer.alloc(4 + 12 * tags.length);
  table.writeUInt32BE(tags.length);
  const bodies: Buffer[] = [];
  let offset = 128 + table.length;
  const placed = new Map<Buffer, number>();
  tags.forEach(([sig, body], i) => {
    if (!placed.has(body)) {
      placed.set(body, offset);
      const padded = Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
      bodies.push(padded);
      offset += padded.length;
    }
    table.write(sig, 4 + 12 * i, 'latin1');
    table.writeUInt32BE(placed.get(body)!, 8 + 12 * i);
    table.writeUInt32BE(body.length, 12 + 12 * i);
  });
  const header = Buffer.alloc(128);
  header.writeUInt32BE(offset, 0);
  header.writeUInt32BE(0x02100000, 8);
  header.write('mntrRGB XYZ ', 12, 'latin1');
  [2026, 12, 7, 0, 0, 0].forEach((v, i) => header.writeUInt16BE(v, 24 + 2 * i));
  header.write('acsp', 36, 'latin1');
  fixed(0.9642).copy(header, 68);
  fixed(1).copy(header, 72);
  fixed(0.8249).copy(header, 76);
  made = Buffer.concat([header, table, ...bodies]);
  return made;
}
