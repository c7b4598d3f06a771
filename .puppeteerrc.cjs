// Puppeteer's install step downloads Chrome. Skip it when a system browser is
// present (Debian's chromium, or one named by BRIEF_CHROME / PUPPETEER_EXECUTABLE_PATH);
// elsewhere let Puppeteer fetch its own, which the project also knows how to find.
const { existsSync } = require('node:fs');

const candidates = [
  process.env.BRIEF_CHROME,
  process.env.PUPPETEER_EXECUTABLE_PATH,
  '/usr/lib/chromium/chromium',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].filter(Boolean);

module.exports = {
  skipDownload: candidates.some((path) => existsSync(path)),
};
