// validate: claims files: each a mapping of "source" and "claims", each claim checked on its own.
import { diagnostic, type Diagnostic, type SourcePos } from '../core/diagnostics.ts';
import { locate, posAtOffset, type YamlSource } from '../core/yaml-positions.ts';
import { keysAt, lengthAt, scalarAt } from '../core/yaml-values.ts';
import type { Checker } from './check.ts';
import { Claim } from './schemas.ts';
import type { ValidClaimsFile } from './types.ts';

export function checkClaimFiles(
  files: readonly YamlSource[],
  { checkList }: Checker,
  diagnostics: Diagnostic[],
): { claimFiles: ValidClaimsFile[]; unparsedClaims: Map<string, SourcePos> } {
  const claimFiles: ValidClaimsFile[] = [];
  const unparsedClaims = new Map<string, SourcePos>();
  for (const src of files) {
    const keys = keysAt(src, []);
    if (!keys) {
      diagnostics.push(
        diagnostic(
          posAtOffset(src, 0),
          'E_BAD_TYPE',
          'a claims file must be a mapping with "source" and "claims"',
          'start the file with "source: <source-id>" then "claims:" and the list',
        ),
      );
      continue;
    }
    const source = scalarAt(src, ['source']);
    const unknown = keys.filter((k) => k !== 'source' && k !== 'claims');
    for (const key of unknown) {
      diagnostics.push(
        diagnostic(
          locate(src, [key], { key: true }),
          'E_UNKNOWN_KEY',
          `unknown key "${key}"`,
          'a claims file has only "source" and "claims"',
        ),
      );
    }
    if (typeof source !== 'string') {
      diagnostics.push(
        diagnostic(
          posAtOffset(src, 0),
          'E_MISSING_FIELD',
          'missing required field "source"',
          'name the source the claims come from: "source: <source-id>"',
        ),
      );
      continue;
    }
    const claims = checkList(src, Claim, ['claims']);
    claimFiles.push({ src, source, claims });
    // A claim whose entry is invalid is reported once; each citation of it is not a second error.
    const items = lengthAt(src, ['claims']) ?? 0;
    for (let i = 0; i < items; i++) {
      const id = scalarAt(src, ['claims', i, 'id']);
      if (typeof id === 'string' && !claims.some((c) => c.value.id === id))
        unparsedClaims.set(id, locate(src, ['claims', i]));
    }
  }

  return { claimFiles, unparsedClaims };
}
