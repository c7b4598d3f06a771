// run: what happens on Ctrl-C or a kill. Each command registers what must be undone while it
// works (close the browser, drop the staging folder, release the lock); on SIGINT or SIGTERM
// those run, newest first, and the process exits 130 or 143. A command that wants to stop
// gracefully instead (watch) registers a stopper, which is called in place of the exit.
type Cleanup = () => Promise<void> | void;

const cleanups = new Set<Cleanup>();
let stopper: ((signal: NodeJS.Signals) => void) | undefined;
let installed = false;

const CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  if (stopper) {
    stopper(signal);
    return;
  }
  for (const fn of [...cleanups].reverse()) {
    try {
      await fn();
    } catch {
      // Keep undoing the rest: a half-closed browser must not keep the staging folder alive.
    }
  }
  process.exit(CODES[signal] ?? 1);
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of Object.keys(CODES) as NodeJS.Signals[]) process.on(signal, (s) => void onSignal(s));
}

/**
 * Started by npm (`npx brief`, `npm run build`), brief stops when npm does, as if it had been
 * sent SIGTERM: npm exec exits on SIGTERM without passing it on, and its child went on writing
 * out/ for seconds as an orphan. The parent is polled, since an orphan gets no signal at all.
 * Outside npm nothing is watched, so `nohup brief build &` still outlives its shell.
 */
export function stopWithLauncher(env: NodeJS.ProcessEnv = process.env, every = 200): void {
  if (!env.npm_execpath) return;
  const parent = process.ppid;
  launcher = parent;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    void onSignal('SIGTERM');
  }, every);
  timer.unref();
}

let launcher: number | undefined;

/**
 * Whether npm, which started brief, has gone. npm's SIGTERM also reaches Chromium, in the same
 * process group, so a browser that dies while npm stops is that stop, not a crash: given a moment
 * for npm to exit, the CLI says "stopped" rather than "the browser died".
 */
export async function stoppedWithLauncher(wait = 500): Promise<boolean> {
  if (launcher === undefined) return false;
  if (process.ppid !== launcher) return true;
  await new Promise((r) => setTimeout(r, wait));
  return process.ppid !== launcher;
}

/** Runs `fn` with `cleanup` registered for the time it runs; on a signal, cleanup runs and the process exits. */
export async function undoOnInterrupt<T>(cleanup: Cleanup, fn: () => Promise<T>): Promise<T> {
  install();
  cleanups.add(cleanup);
  try {
    return await fn();
  } finally {
    cleanups.delete(cleanup);
  }
}

/** A signal calls `stop` instead of exiting (for long-running commands that end cleanly). */
export function stopOnInterrupt(stop: (signal: NodeJS.Signals) => void): () => void {
  install();
  stopper = stop;
  return () => {
    if (stopper === stop) stopper = undefined;
  };
}
