// Puppeteer's install step downloads Chrome. Skip it when a system browser is
// present (Debian's chromium, or one named by BRIEF_CHROME / PUPPETEER_EXECUTABLE_PATH);
// elsewhere let Puppeteer fetch its own, which the project also knows how to find.
const { existsSync } = require('node:fs');

const candidates = [
  process.env.BRIEF_CHROME,
  process.env.PUPPETEER_EXECUTABLE_PATH,
  // BROWSER_PATHS of pipeline/print/browser.ts, the one list (tests/unit/print/find-browser.test.ts).
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
].filter(Boolean);

module.exports = {
  skipDownload: candidates.some((path) => existsSync(path)),
};
