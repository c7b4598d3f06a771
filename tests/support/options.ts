// Test support: run options for a corpus folder, with a fixed edition date, printing on the suite's shared browser.
import path from 'node:path';
import { inject } from 'vitest';
import { defaultOptions, type RunOptions } from '../../pipeline/config/options.ts';

/** The suite's shared browser (see global-browser.ts), or undefined to start one. */
export function sharedBrowser(): string | undefined {
  try {
    return inject('browserWs') || undefined;
  } catch {
    return undefined;
  }
}

export function optionsFor(data: string, out: string, extra: Partial<RunOptions> = {}): RunOptions {
  const defaults = defaultOptions();
  return {
    ...defaults,
    dataDir: data,
    outDir: out,
    editionDate: '2024-01-15',
    editionDateGiven: true,
    textDirs: [],
    browser: { ...defaults.browser, endpoint: sharedBrowser() },
    ...extra,
    templatesDir: extra.templatesDir ?? path.resolve('templates'),
    stylesDir: extra.stylesDir ?? path.resolve('styles'),
    // As in the sample corpus, whose own layer is brief's folder (its audiences' overrides live there).
    corpusTemplatesDir:
      'corpusTemplatesDir' in extra ? extra.corpusTemplatesDir : (extra.templatesDir ?? path.resolve('templates')),
    corpusStylesDir: 'corpusStylesDir' in extra ? extra.corpusStylesDir : (extra.stylesDir ?? path.resolve('styles')),
  };
}
