// Test support: a real PDF printed by Chromium from HTML (the suite's shared browser, or one of its
// own), as a publisher's tool would make the file a user then captures.
import puppeteer from 'puppeteer';
import { sharedBrowser } from './options.ts';

export async function printPdf(html: string): Promise<Buffer> {
  const ws = sharedBrowser();
  const browser = ws
    ? await puppeteer.connect({ browserWSEndpoint: ws })
    : await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    try {
      await page.setContent(html);
      return Buffer.from(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    } finally {
      await page.close();
    }
  } finally {
    if (ws) await browser.disconnect();
    else await browser.close();
  }
}
