// Test support: records every module a Node process loads, one URL or path a line, into the file
// named by $BRIEF_RECORD_IMPORTS. Use: node --import ./tests/support/record-imports.mjs …
// (Node ≥ 20.6). Two sources, so nothing slips through: a resolve hook sees every `import` (ESM,
// and CommonJS packages imported from ESM), and at exit require.cache lists every CommonJS
// module, those loaded by `require` inside packages included.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

let file = process.env.BRIEF_RECORD_IMPORTS;

// This file is also the hooks module, loaded again in Node's loader thread (not the main one).
if (isMainThread && file) {
  register(import.meta.url, { data: { file } });
  const { cache } = createRequire(import.meta.url);
  process.on('exit', () =>
    appendFileSync(
      file,
      Object.keys(cache)
        .map((f) => `${f}\n`)
        .join(''),
    ),
  );
}

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(file, `${resolved.url}\n`);
  return resolved;
}
