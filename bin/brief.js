#!/usr/bin/env node
// The `brief` executable. It runs the CLI compiled to JavaScript in dist/ (`npm ci` compiles it,
// as "prepare"), so a start transpiles nothing. It never runs stale code: when pipeline/ has
// changed since the last compile (see sourceStamp in scripts/compile.mjs), it compiles again
// first (~0.2 s), and if that cannot be done it runs the TypeScript sources through tsx.
import { compile, isFresh } from '../scripts/compile.mjs';

let compiled = isFresh();
if (!compiled) {
  try {
    await compile({ quiet: true });
    compiled = true;
  } catch (error) {
    const reason = String(error?.message ?? error).split('\n')[0];
    process.stderr.write(
      `brief: could not compile pipeline/ to dist/ (${reason}); running the TypeScript sources through tsx\n`,
    );
  }
}

if (compiled) {
  await import('../dist/cli.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../pipeline/cli.ts');
}
