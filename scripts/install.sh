#!/usr/bin/env bash
# Installs what brief needs on a Debian or Ubuntu machine, then its npm packages.
# Chromium (to print PDFs), poppler-utils (the tests read PDFs back with it; `brief serve`'s
# preview draws pages with its pdftoppm) and redis-server
# (the queue of `brief serve --queue` and `brief worker`; the tests start their own) come from
# apt-get, and only when missing; as a non-root user the apt-get step runs through sudo.
set -euo pipefail
cd "$(dirname "$0")/.."

# BROWSER_PATHS of pipeline/print/browser.ts, the one list (tests/unit/print/find-browser.test.ts).
BROWSER_PATHS=(
  "/usr/lib/chromium/chromium"
  "/usr/bin/chromium"
  "/usr/bin/chromium-browser"
  "/snap/bin/chromium"
  "/usr/bin/google-chrome-stable"
  "/usr/bin/google-chrome"
  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
  "/Applications/Chromium.app/Contents/MacOS/Chromium"
)

have_browser() {
  [ -n "${BRIEF_CHROME:-}" ] && [ -x "${BRIEF_CHROME}" ] && return 0
  [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] && [ -x "${PUPPETEER_EXECUTABLE_PATH}" ] && return 0
  for p in "${BROWSER_PATHS[@]}"; do
    [ -x "$p" ] && return 0
  done
  return 1
}

missing=()
have_browser || missing+=(chromium)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# qpdf: the tests encrypt a PDF with it, to see brief capture refuse it plainly.
command -v qpdf >/dev/null 2>&1 || missing+=(qpdf)

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "brief needs: ${missing[*]}. This is not a Debian/Ubuntu machine: install them with your package manager, or set BRIEF_CHROME to a Chrome or Chromium executable." >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing ${missing[*]} with apt-get…" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The lockfile pins every version; .puppeteerrc.cjs skips Puppeteer's browser download
# when a system browser is present.
npm ci --no-audit --no-fund
