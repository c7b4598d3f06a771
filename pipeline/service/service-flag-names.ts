// service: the flags of `brief serve` and `brief worker`, declared here and listed in the CLI's table of
// flags (cli.ts); imported by the CLI on every run, so this file imports nothing.
export const SERVICE_FLAGS = {
  host: {
    type: 'string',
    value: 'ADDR',
    help: 'serve: the address to listen on (default: 127.0.0.1; any other needs BRIEF_TOKEN or BRIEF_TOKENS)',
  },
  port: { type: 'string', value: 'N', help: 'serve: the port to listen on (default: 8080; 0 picks a free one)' },
  queue: {
    type: 'string',
    value: 'URL',
    help: 'redis://host:port/db: a Redis queue that `brief worker`s process (serve: default in-process)',
  },
  'queue-size': {
    type: 'string',
    value: 'N',
    help: 'serve: pack jobs waiting or running before a request is refused with 429 (default: 32)',
  },
  'browser-ws': {
    type: 'list',
    value: 'URL',
    help: 'print on a running browser at this DevTools WebSocket (repeatable: a pool)',
  },
  concurrency: { type: 'string', value: 'N', help: 'pack jobs printed at once, each on its own browser (default: 1)' },
  'max-pages': { type: 'string', value: 'N', help: 'pages open at once in one browser (default: 4)' },
  'restart-after': { type: 'string', value: 'N', help: 'restart a browser after this many jobs (default: 50)' },
  'job-timeout': {
    type: 'string',
    value: 'SECONDS',
    help: 'give a pack job up after this long; the queue retries it (default: 300)',
  },
  'request-timeout': {
    type: 'string',
    value: 'SECONDS',
    help: 'serve: a request whose body has not arrived whole by then is cut with 408 (default: 30)',
  },
  'store-keep': {
    type: 'string',
    value: 'N',
    help: 'made PDFs kept in out/serve/packs, the most recently made or served (default: 500)',
  },
  'work-keep': {
    type: 'string',
    value: 'N',
    help: 'work folders of packs made on request kept per audience, the most recently used (default: 8)',
  },
} as const;
