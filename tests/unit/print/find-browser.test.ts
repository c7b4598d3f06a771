// print: which browser is used, in which order, and what a user without one is told.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RenderError } from '../../../pipeline/core/diagnostics.ts';
import { resolveOptions } from '../../../pipeline/config/resolve.ts';
import { BROWSER_PATHS, findBrowser as find, LOCKDOWN_ARGS, poolSize } from '../../../pipeline/print/browser.ts';

/** The browser the environment `env` leads to, as a command would resolve it. */
const findBrowser = (env: NodeJS.ProcessEnv) => find(resolveOptions({ flags: {}, file: undefined, env }).browser);

describe('findBrowser', () => {
  it('prefers BRIEF_CHROME, then PUPPETEER_EXECUTABLE_PATH', async () => {
    await expect(
      findBrowser({ BRIEF_CHROME: process.execPath, PUPPETEER_EXECUTABLE_PATH: '/bin/sh' }),
    ).resolves.toEqual({ path: process.execPath, from: 'BRIEF_CHROME' });
    await expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: process.execPath })).resolves.toEqual({
      path: process.execPath,
      from: 'PUPPETEER_EXECUTABLE_PATH',
    });
  });
  it('says plainly when a named browser does not exist', async () => {
    await expect(findBrowser({ BRIEF_CHROME: '/no/such/chrome' })).rejects.toThrow(RenderError);
    await expect(findBrowser({ BRIEF_CHROME: '/no/such/chrome' })).rejects.toThrow(
      /BRIEF_CHROME is set to \/no\/such\/chrome/,
    );
  });
  it('falls back to a system or Puppeteer browser', async () => {
    let choice;
    try {
      choice = await findBrowser({});
    } catch (e) {
      // No browser at all: the message must give the install commands.
      expect((e as Error).message).toContain('apt-get install -y chromium');
      expect((e as Error).message).toContain('npx puppeteer browsers install chrome');
      return;
    }
    expect(['system', 'puppeteer']).toContain(choice.from);
  });
  it('keeps Chromium from resolving any host', () => {
    expect(LOCKDOWN_ARGS).toContain('--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost');
    expect(LOCKDOWN_ARGS).toContain('--disable-background-networking');
  });
  it('sizes the page pool to the machine and the work', () => {
    expect(poolSize(1)).toBe(1);
    expect(poolSize(100)).toBeGreaterThanOrEqual(1);
    expect(poolSize(100)).toBeLessThanOrEqual(4);
  });
});

describe('the browser search paths', () => {
  // .puppeteerrc.cjs (whether Puppeteer downloads a browser) and scripts/install.sh (whether
  // Chromium is installed) cannot import print/browser.ts: they copy its list, in its order.
  it('are the same in .puppeteerrc.cjs as in print/browser.ts', () => {
    const text = readFileSync('.puppeteerrc.cjs', 'utf8');
    const list = text.slice(text.indexOf('const candidates = ['), text.indexOf('].filter(Boolean)'));
    expect([...list.matchAll(/^\s*'(\/[^']+)',$/gm)].map((m) => m[1])).toEqual(BROWSER_PATHS);
  });
  it('are the same in scripts/install.sh as in print/browser.ts', () => {
    const text = readFileSync('scripts/install.sh', 'utf8');
    const list = /^BROWSER_PATHS=\(\n([^)]*)\n\)$/m.exec(text)?.[1] ?? '';
    expect([...list.matchAll(/^\s*"([^"]+)"$/gm)].map((m) => m[1])).toEqual(BROWSER_PATHS);
  });
});
