// service: the options of `brief serve` and `brief worker` that are not RunOptions, from their flags.
import { UsageError } from '../core/diagnostics.ts';
import type { CommandContext } from '../run/command.ts';

export interface ServiceFlags {
  readonly host: string;
  readonly port: number;
  /** redis://… or undefined for the in-process queue. */
  readonly queue: string | undefined;
  readonly queueSize: number;
  /** Remote browsers (--browser-ws, else BRIEF_BROWSER_WS); empty: start Chromium here. */
  readonly endpoints: readonly string[];
  readonly concurrency: number;
  readonly maxPages: number;
  readonly restartAfter: number;
  readonly jobTimeoutMs: number;
  /** serve: a request body must arrive whole within this. */
  readonly requestTimeoutMs: number;
  /** Work folders of packs made on request kept per audience (the most recently used). */
  readonly workKeep: number;
  /** Made PDFs kept in the store, the most recently made or served. */
  readonly storeKeep: number;
}

function whole(flags: CommandContext['flags'], name: string, fallback: number, min: number, max: number): number {
  const raw = flags?.[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got ${String(raw)})`);
  return n;
}

export function serviceFlags(ctx: CommandContext): ServiceFlags {
  const f = ctx.flags;
  const endpoints = ((f?.['browser-ws'] as string[] | undefined) ?? [])
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  for (const e of endpoints)
    if (!/^wss?:\/\//.test(e))
      throw new UsageError(`--browser-ws ${e}: give the browser's DevTools WebSocket address, ws://host:port/…`);
  const fromEnv = ctx.options.browser.endpoint;
  return {
    host: (f?.host as string | undefined) ?? '127.0.0.1',
    port: whole(f, 'port', 8080, 0, 65535),
    queue: f?.queue as string | undefined,
    queueSize: whole(f, 'queue-size', 32, 1, 100_000),
    endpoints: endpoints.length ? endpoints : fromEnv ? [fromEnv] : [],
    concurrency: whole(f, 'concurrency', 1, 1, 64),
    maxPages: whole(f, 'max-pages', 4, 1, 64),
    restartAfter: whole(f, 'restart-after', 50, 1, 1_000_000),
    jobTimeoutMs: whole(f, 'job-timeout', 300, 1, 86_400) * 1000,
    requestTimeoutMs: whole(f, 'request-timeout', 30, 1, 3_600) * 1000,
    workKeep: whole(f, 'work-keep', 8, 1, 10_000),
    storeKeep: whole(f, 'store-keep', 500, 1, 1_000_000),
  };
}
