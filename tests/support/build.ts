// Test support: a build as the command runs it, with its own browser session closed afterwards.
import type { RunOptions } from '../../pipeline/config/options.ts';
import { BrowserSession } from '../../pipeline/print/session.ts';
import { buildDocuments, type BuildResult } from '../../pipeline/run/build.ts';

export async function build(options: RunOptions): Promise<BuildResult> {
  const session = new BrowserSession(options.browser);
  try {
    return await buildDocuments(options, { session });
  } finally {
    await session.close();
  }
}
