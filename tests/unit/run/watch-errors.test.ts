// run: what brief watch does with a file-system refusal mid-watch (R10): said plainly, and watching
// goes on; anything else (our bug) still stops it.
import { describe, expect, it } from 'vitest';
import { fileSystemError } from '../../../pipeline/run/watch.ts';

const errno = (code: string, file: string) =>
  Object.assign(new Error(`${code}: refused`), { code, path: file, syscall: 'read' });

describe('a file-system refusal while watching', () => {
  it('is a plain, located message, not a crash', () => {
    const e = fileSystemError(errno('EISDIR', '/corpus/data/audiences.yaml'));
    expect(e?.message).toBe(
      '/corpus/data/audiences.yaml is a folder, not a file; the outputs are as they were. Watching for a fix…',
    );
    expect(e?.hint).toMatch(/put the file back/);
    expect(fileSystemError(errno('EACCES', '/corpus/data/x.yaml'))?.message).toContain('permission denied');
    expect(fileSystemError(errno('EWHATEVER', '/corpus/data/x.yaml'))?.message).toContain('cannot be read (EWHATEVER)');
  });

  it('is not made of a bug: an error with no errno code and path is left to stop the watch', () => {
    expect(fileSystemError(new TypeError('x is undefined'))).toBeUndefined();
    expect(fileSystemError(Object.assign(new Error('no path'), { code: 'EISDIR' }))).toBeUndefined();
  });
});
