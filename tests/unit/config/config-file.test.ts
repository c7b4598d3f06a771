// config: brief.config.yaml's folders replace the project's, so a templates or styles folder that
// lacks what every document needs is an error at its key, not an unstyled PDF or a stack trace.
import { mkdir, mkdtemp, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from '../../../pipeline/config/file.ts';
import { InputError } from '../../../pipeline/core/diagnostics.ts';

async function project(config: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'brief-config-'));
  await writeFile(path.join(dir, 'brief.config.yaml'), config);
  return path.join(dir, 'brief.config.yaml');
}
function problems(file: string) {
  try {
    readConfigFile(file, true);
    return [];
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return err.diagnostics.map((d) => [d.code, d.line, d.column, d.message.replace(/ \S*(mytpl|mystyles)\S*/, ' $1')]);
  }
}

describe('brief.config.yaml folders', () => {
  it("takes a templates folder that holds only what it changes: it is laid over brief's own", async () => {
    const file = await project('out: build\ntemplates: mytpl\n');
    await mkdir(path.join(path.dirname(file), 'mytpl'));
    expect(problems(file)).toEqual([]);
  });

  it('refuses a styles folder that does not exist, or is a file, at `styles:`', async () => {
    const file = await project('styles: mystyles\n');
    expect(problems(file)).toEqual([['E_NO_FOLDER', 1, 9, 'the styles folder mystyles does not exist']]);
    await writeFile(path.join(path.dirname(file), 'mystyles'), '');
    expect(problems(file)).toEqual([['E_NO_FOLDER', 1, 9, 'the styles folder mystyles is a file']]);
  });

  it('accepts copies of the project folders', async () => {
    const file = await project('templates: t\nstyles: s\n');
    await cp('templates', path.join(path.dirname(file), 't'), { recursive: true });
    await cp('styles', path.join(path.dirname(file), 's'), { recursive: true });
    expect(problems(file)).toEqual([]);
  });
});
