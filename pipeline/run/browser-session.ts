// run: BrowserSession moved to print/session.ts. This re-export serves run/build.ts, pack/pack.ts
// and edition/edition.ts until the splits under way there import it from print/ (then it goes).
export type { BrowserSession } from '../print/session.ts';
