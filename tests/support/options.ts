// Test support: run options for a corpus folder, with a fixed edition date.
import path from 'node:path';
import { defaultOptions, type RunOptions } from '../../pipeline/config/options.ts';

export function optionsFor(data: string, out: string, extra: Partial<RunOptions> = {}): RunOptions {
  return { ...defaultOptions({}), dataDir: data, outDir: out, editionDate: '2024-01-15', textDirs: [], ...extra, templatesDir: extra.templatesDir ?? path.resolve('templates'), stylesDir: extra.stylesDir ?? path.resolve('styles') };
}
