// commands: `brief editions`: the archived editions in chain order, read from their manifests only.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { listEditions } from '../archive/manifest.ts';
import { sha256 } from '../archive/store.ts';
import { ExitCode } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import type { CommandContext } from '../run/command.ts';
import { archiveDir, assertNotInOldPlace } from '../archive/place.ts';

export async function main({ options, io }: CommandContext): Promise<ExitCode> {
  const archive = archiveDir(options);
  assertNotInOldPlace(options, archive);
  const editions = await listEditions(archive, sha256);
  const rows = await Promise.all(
    editions.map(async (e) => {
      // A summary of another shape (edited by hand) counts nothing: verify says what is wrong.
      const claims = await readFile(path.join(e.dir, 'summary.json'), 'utf8')
        .then((t) => {
          const parsed = JSON.parse(t) as { claims?: unknown } | null;
          return parsed?.claims && typeof parsed.claims === 'object' ? Object.keys(parsed.claims).length : null;
        })
        .catch(() => null);
      return {
        id: e.id,
        date: e.manifest?.date ?? null,
        documents: e.manifest?.documents.length ?? null,
        packs: e.manifest?.packs.length ?? null,
        claims,
        changes: e.manifest?.changes ?? null,
        previous: e.manifest?.previous?.edition ?? null,
      };
    }),
  );
  if (io.json) {
    io.out({ archive, editions: rows });
    return ExitCode.ok;
  }
  if (rows.length === 0) {
    io.info(`no editions in ${displayPath(archive)} yet: make one with brief edition`);
    return ExitCode.ok;
  }
  const line = (cells: (string | number | null)[]) =>
    cells
      .map((c, i) => String(c ?? '?').padEnd([14, 12, 11, 8, 8][i] ?? 0))
      .join('')
      .trimEnd();
  process.stdout.write(
    `${[line(['edition', 'date', 'documents', 'claims', 'changes']), ...rows.map((r) => line([r.id, r.date, r.documents, r.claims, r.previous ? r.changes : 'first']))].join('\n')}\n`,
  );
  return ExitCode.ok;
}
