#!/usr/bin/env node
// The `brief` executable. It runs the CLI compiled to JavaScript in dist/, so a start transpiles
// nothing and needs no compiler: the published package ships dist/ (compiled on `prepack`) and no
// TypeScript, and in a clone `npm ci` compiles it (the `prepare` script). In a clone it never runs
// stale code: when pipeline/ has changed since the last compile (see sourceStamp in
// scripts/compile.mjs), it compiles again first (~0.2 s) with esbuild, a development dependency;
// if that cannot be done it runs the TypeScript sources through tsx, also a development one.
import { compile, isFresh } from '../scripts/compile.mjs';

let compiled = isFresh();
if (!compiled) {
  try {
    await compile({ quiet: true, carry: true });
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
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      'brief: tsx is not installed either; run `npm ci` in this clone (it installs esbuild and tsx, and compiles dist/)\n',
    );
    process.exit(1);
  }
  register();
  await import('../pipeline/cli.ts');
}
