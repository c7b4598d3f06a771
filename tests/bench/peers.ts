// Benchmark peers: md-to-pdf and pagedjs-cli, given the same final HTML brief wrote and the same
// Chromium. They are installed for the benchmark only, on first run, into a folder outside the
// project's dependencies (BENCH_PEERS_DIR, default ~/.cache/brief-bench/peers), with every
// browser download skipped. A peer that cannot be installed or fails is reported, never fatal.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { failure, timed } from './timing.ts';

export const PEERS_DIR = process.env.BENCH_PEERS_DIR ?? path.join(os.homedir(), '.cache', 'brief-bench', 'peers');
/** Pinned majors, so a later run measures the same tools. */
const PACKAGES = { 'md-to-pdf': 'md-to-pdf@^5.2.5', 'pagedjs-cli': 'pagedjs-cli@^0.4.3' } as const;
export type PeerName = keyof typeof PACKAGES;
export const PEER_NAMES = Object.keys(PACKAGES) as PeerName[];

export type Installed = { ok: true; bin: string; version: string } | { ok: false; reason: string };

const NO_DOWNLOAD = {
  PUPPETEER_SKIP_DOWNLOAD: '1',
  PUPPETEER_SKIP_CHROMIUM_DOWNLOAD: '1',
  PUPPETEER_SKIP_CHROME_DOWNLOAD: '1',
  PUPPETEER_SKIP_CHROME_HEADLESS_SHELL_DOWNLOAD: '1',
};

const binOf = (name: PeerName) => path.join(PEERS_DIR, 'node_modules', '.bin', name);
function versionOf(name: PeerName): string {
  try {
    return (
      JSON.parse(readFileSync(path.join(PEERS_DIR, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return 'unknown';
  }
}

/** Installs whichever peer is missing (both at once, then one by one if that fails); says why one is unavailable. */
export function ensurePeers(
  log: (line: string) => void,
  wanted: readonly PeerName[] = PEER_NAMES,
): Record<PeerName, Installed> {
  const missing = () => wanted.filter((n) => !existsSync(binOf(n)));
  const reasons = new Map<PeerName, string>();
  if (missing().length) {
    try {
      mkdirSync(PEERS_DIR, { recursive: true });
      const manifest = path.join(PEERS_DIR, 'package.json');
      if (!existsSync(manifest))
        writeFileSync(
          manifest,
          `${JSON.stringify({ name: 'brief-bench-peers', private: true, description: "Peers for brief's benchmark (tests/bench/peers.ts); not a dependency of brief." }, null, 2)}\n`,
        );
    } catch (err) {
      for (const n of missing()) reasons.set(n, `cannot make ${PEERS_DIR}: ${(err as Error).message}`);
    }
    const install = (names: PeerName[]) => {
      log(`installing ${names.join(' and ')} into ${PEERS_DIR} (once; no browser download)…`);
      const r = timed(
        'npm',
        [
          'install',
          '--prefix',
          PEERS_DIR,
          '--no-audit',
          '--no-fund',
          '--ignore-scripts',
          ...names.map((n) => PACKAGES[n]),
        ],
        { env: { ...process.env, ...NO_DOWNLOAD }, timeout: 600_000 },
      );
      if (r.code !== 0) for (const n of names) reasons.set(n, failure('npm install', r));
    };
    if (reasons.size === 0) {
      install(missing());
      const still = missing();
      if (still.length > 1) for (const n of still) install([n]);
    }
  }
  return Object.fromEntries(
    PEER_NAMES.map((n) => [
      n,
      !wanted.includes(n)
        ? { ok: false, reason: 'left out (BENCH_PEERS)' }
        : existsSync(binOf(n))
          ? { ok: true, bin: binOf(n), version: versionOf(n) }
          : { ok: false, reason: reasons.get(n) ?? `${n} is not installed in ${PEERS_DIR}` },
    ]),
  ) as Record<PeerName, Installed>;
}

/** A peer set up to print every document: one timed run, and the page counts it printed. */
export interface PeerJob {
  name: PeerName;
  version: string;
  /** How the tool is run over the documents, said in the output. */
  mode: string;
  /** Wall time of printing every document (all its processes); throws when the tool fails. */
  run: () => number;
  /** The PDFs of the last run. */
  outputs: () => string[];
}

/**
 * Writes each peer's copy of the documents into `work`: for md-to-pdf, the HTML with its
 * whitespace-only lines deleted (it reads Markdown; a blank line would end the HTML block, and
 * without them the HTML passes through unchanged); for pagedjs-cli, the HTML without the CSP
 * meta, which would block the script it injects.
 */
export function peerJobs(
  installed: Record<PeerName, Installed>,
  htmlFiles: readonly string[],
  work: string,
  chromium: string,
): { jobs: PeerJob[]; unavailable: Map<PeerName, string> } {
  const jobs: PeerJob[] = [];
  const unavailable = new Map<PeerName, string>();
  const names = htmlFiles.map((f) => path.basename(f, '.html'));
  const pdfsIn = (dir: string) => () => names.map((n) => path.join(dir, `${n}.pdf`));
  const clean = (dir: string) => {
    for (const f of readdirSync(dir)) if (f.endsWith('.pdf')) rmSync(path.join(dir, f));
  };

  const md = installed['md-to-pdf'];
  if (!md.ok) unavailable.set('md-to-pdf', md.reason);
  else {
    const dir = path.join(work, 'md-to-pdf');
    mkdirSync(dir, { recursive: true });
    const inputs = htmlFiles.map((f, i) => {
      const to = path.join(dir, `${names[i]}.md`);
      writeFileSync(
        to,
        readFileSync(f, 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '')
          .join('\n'),
      );
      return to;
    });
    // The job brief does: no stylesheet of its own, print media, brief's page.pdf options
    // (pipeline/print/index.ts), its page size and margins from the documents' CSS.
    const config = path.join(dir, 'md-to-pdf.config.cjs');
    writeFileSync(
      config,
      `module.exports = ${JSON.stringify({
        stylesheet: [],
        page_media_type: 'print',
        pdf_options: { preferCSSPageSize: true, printBackground: true, outline: true, tagged: true },
        launch_options: { executablePath: chromium, headless: true, args: ['--no-sandbox'] },
      })};\n// md-to-pdf's defaults set a format and margins: unset them.\nmodule.exports.pdf_options.format = undefined;\nmodule.exports.pdf_options.margin = undefined;\n`,
    );
    jobs.push({
      name: 'md-to-pdf',
      version: md.version,
      mode: `one process for all ${inputs.length} documents (md-to-pdf prints them at once in one browser)`,
      run: () => {
        clean(dir);
        const r = timed(md.bin, ['--config-file', config, ...inputs], { cwd: dir, timeout: 600_000 });
        const missing = pdfsIn(dir)().filter((p) => !existsSync(p));
        if (r.code !== 0 || missing.length)
          throw new Error(failure(`md-to-pdf${missing.length ? ` (${missing.length} PDFs missing)` : ''}`, r));
        return r.ms;
      },
      outputs: pdfsIn(dir),
    });
  }

  const pj = installed['pagedjs-cli'];
  if (!pj.ok) unavailable.set('pagedjs-cli', pj.reason);
  else {
    const dir = path.join(work, 'pagedjs-cli');
    const tmp = path.join(work, 'pagedjs-tmp');
    mkdirSync(dir, { recursive: true });
    const inputs = htmlFiles.map((f, i) => {
      const to = path.join(dir, `${names[i]}.html`);
      writeFileSync(to, readFileSync(f, 'utf8').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/i, ''));
      return to;
    });
    // It bundles Puppeteer 20, which takes the browser from PUPPETEER_EXECUTABLE_PATH; its
    // Chromium profiles go to TMPDIR, kept inside the bench's folder and emptied after each run.
    const env = { ...process.env, ...NO_DOWNLOAD, PUPPETEER_EXECUTABLE_PATH: chromium, TMPDIR: tmp };
    jobs.push({
      name: 'pagedjs-cli',
      version: pj.version,
      mode: `one process per document (it takes one input), ${inputs.length} in sequence`,
      run: () => {
        clean(dir);
        let ms = 0;
        for (const input of inputs) {
          rmSync(tmp, { recursive: true, force: true });
          mkdirSync(tmp, { recursive: true });
          const out = input.replace(/\.html$/, '.pdf');
          const r = timed(pj.bin, [input, '-o', out, '--browserArgs', '--no-sandbox'], {
            cwd: dir,
            env,
            timeout: 300_000,
          });
          ms += r.ms;
          if (r.code !== 0 || !existsSync(out)) throw new Error(failure(`pagedjs-cli ${path.basename(input)}`, r));
        }
        rmSync(tmp, { recursive: true, force: true });
        return ms;
      },
      outputs: pdfsIn(dir),
    });
  }
  return { jobs, unavailable };
}
