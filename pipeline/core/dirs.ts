// core: making a folder and its parents, failing where Node's own `mkdir({ recursive: true })`
// never returns. On a file system that refuses the folder with ENOENT although its parent
// exists (/proc, some FUSE and network mounts), Node's recursive mkdir retries for ever:
// `brief build --out /proc/x` hung. Here each missing level is made on its own, and the first
// refusal is thrown as it is, with its path, for the CLI to say in plain words.
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

export async function makeDirs(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const found = await stat(at).catch(() => undefined);
    if (found) break;
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  for (const level of missing) {
    await mkdir(level).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
  }
}
