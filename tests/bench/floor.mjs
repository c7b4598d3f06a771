// Benchmark floor: the least a script can do to print given HTML files to PDF: one browser, the
// same page concurrency as brief, nothing else. Usage: node floor.mjs out.pdf-dir file.html…
// Env FLOOR_TAGGED=0 prints untagged and without bookmarks (Chromium needs the tags to make
// bookmarks), to measure what tagging costs in size.
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';

const [outDir, ...files] = process.argv.slice(2);
const executablePath = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => { try { return statSync(p).isFile(); } catch { return false; } });
mkdirSync(outDir, { recursive: true });
const browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-background-networking', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost'] });
const tagged = process.env.FLOOR_TAGGED !== '0';
let next = 0;
const worker = async () => {
  const page = await browser.newPage();
  await page.setJavaScriptEnabled(false);
  while (next < files.length) {
    const file = files[next++];
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
    await page.evaluate(() => Promise.all([...document.fonts].map((f) => f.load())));
    await page.pdf({ path: path.join(outDir, `${path.basename(file, '.html')}.pdf`), preferCSSPageSize: true, printBackground: true, outline: tagged, tagged });
  }
  await page.close();
};
await Promise.all(Array.from({ length: Math.min(2, files.length) }, worker));
await browser.close();
