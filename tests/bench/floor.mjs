// Benchmark floor: the least a script can do to print given HTML files to PDF, as brief prints
// them: one browser started as brief starts it (pipeline/print/browser.ts), the same page
// concurrency (one page per core, at most four: 2 on two cores; FLOOR_CONCURRENCY overrides), the
// same page.pdf options (pipeline/print/index.ts), JavaScript off, every font loaded first.
// Nothing else: no request interception, no PDF finishing. Usage: node floor.mjs out-dir file.html…
// Env FLOOR_TAGGED=0 prints untagged and without bookmarks (Chromium needs the tags to make
// bookmarks), to measure what tagging costs in size.
import { mkdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  process.stderr.write('usage: node floor.mjs out-dir file.html…\n');
  process.exit(2);
}
const isFile = (p) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};
const executablePath = [
  process.env.BRIEF_CHROME,
  process.env.PUPPETEER_EXECUTABLE_PATH,
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
].find((p) => p && isFile(p));
const args = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--metrics-recording-only',
  '--no-pings',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost',
  '--font-render-hinting=none',
  '--no-sandbox',
];
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const concurrency = Math.max(1, Math.min(Number(process.env.FLOOR_CONCURRENCY) || Math.min(cores, 4), files.length));
const tagged = process.env.FLOOR_TAGGED !== '0';

mkdirSync(outDir, { recursive: true });
const browser = await puppeteer.launch({ executablePath, headless: true, args });
let next = 0;
const worker = async () => {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  while (next < files.length) {
    const file = files[next++];
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load', timeout: 60_000 });
    await page.evaluate(() => Promise.all([...document.fonts].map((f) => f.load())));
    await page.pdf({
      path: path.join(outDir, `${path.basename(file, '.html')}.pdf`),
      preferCSSPageSize: true,
      printBackground: true,
      outline: tagged,
      tagged,
      timeout: 120_000,
    });
  }
  await page.close();
};
await Promise.all(Array.from({ length: concurrency }, worker));
await browser.close();
if (process.env.FLOOR_VERBOSE)
  process.stderr.write(`floor: ${files.length} files, ${concurrency} pages at once, ${executablePath}\n`);
