// print: which browser is used, in which order, and what a user without one is told.
import { describe, expect, it } from 'vitest';
import { RenderError } from '../../../pipeline/core/diagnostics.ts';
import { findBrowser, LOCKDOWN_ARGS, poolSize } from '../../../pipeline/print/browser.ts';

describe('findBrowser', () => {
  it('prefers BRIEF_CHROME, then PUPPETEER_EXECUTABLE_PATH', () => {
    expect(findBrowser({ BRIEF_CHROME: process.execPath, PUPPETEER_EXECUTABLE_PATH: '/bin/sh' })).toEqual({ path: process.execPath, from: 'BRIEF_CHROME' });
    expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: process.execPath })).toEqual({ path: process.execPath, from: 'PUPPETEER_EXECUTABLE_PATH' });
  });
  it('says plainly when a named browser does not exist', () => {
    expect(() => findBrowser({ BRIEF_CHROME: '/no/such/chrome' })).toThrow(RenderError);
    expect(() => findBrowser({ BRIEF_CHROME: '/no/such/chrome' })).toThrow(/BRIEF_CHROME is set to \/no\/such\/chrome/);
  });
  it('falls back to a system or Puppeteer browser', () => {
    let choice;
    try {
      choice = findBrowser({});
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
