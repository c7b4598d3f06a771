// core: a large generated CommonJS file → its exports, loaded with V8's code cache kept beside it.
// Node 20 has no compile cache for modules (module.enableCompileCache is Node 22), and the
// Vega-Lite schema validator is 6.9 MB of code parsed again by every check: loading it took about
// 170 ms of CPU at a load of 20, 60 ms with its code cache.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

type Wrapper = (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, f: string, d: string) => void;

/** `require(file)` for a CommonJS file, with V8's cache of its compiled code in `<file>.<node>.v8cache`. */
export function requireWithCodeCache(file: string): unknown {
  const cacheFile = `${file}.${process.version}-${process.arch}.v8cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const source = readFileSync(file, 'utf8');
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as Wrapper)(module.exports, createRequire(file), module, file, path.dirname(file));
  // V8 refuses a cache made from other source or by another V8: it is then made anew.
  if (cachedData === undefined || script.cachedDataRejected) {
    try {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {
      // A read-only install: no cache, the file is parsed each time as before.
    }
  }
  return module.exports;
}
