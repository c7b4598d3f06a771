// commands: `brief quote SOURCE WORDS…`: load → validate → model → the source's text → the passages
// that hold the words, exactly as the text has them, with their context, locator, line, and how
// each would anchor as a claim's quote. Writes nothing.
import path from 'node:path';
import { stringify } from 'yaml';
import { ExitCode, UsageError, type Diagnostic } from '../core/diagnostics.ts';
import { diagnosticJson, printDiagnostics } from '../core/output.ts';
import { displayPath } from '../core/paths.ts';
import { didYouMean } from '../core/suggest.ts';
import type { CommandContext } from '../run/command.ts';

/** A passage as a claim's `quote:` line: YAML that reads back as exactly the passage, on one line. */
const asYaml = (quote: string) => stringify({ quote }, { lineWidth: 0 }).trimEnd();
import { World } from '../run/world.ts';

export async function main({ options, args, io }: CommandContext): Promise<ExitCode> {
  const [id, ...words] = args;
  if (id === undefined || words.length === 0)
    throw new UsageError(
      'brief quote needs a source id and the words to look for, as in: brief quote roubanis-2024 two states one military',
    );
  const query = words.join(' ');
  const [{ loadCorpus }, { validateCorpus }, { buildModel }, anchor, { findPassages }, { nearestPassage }] =
    await Promise.all([
      import('../load/index.ts'),
      import('../validate/index.ts'),
      import('../model/index.ts'),
      import('../anchor/index.ts'),
      import('../anchor/passages.ts'),
      import('../anchor/nearest.ts'),
    ]);
  const files = World.of(options).source('quote');
  const validation = validateCorpus(await loadCorpus(files, options.dataDir));
  const { model } = buildModel(validation.corpus, { defaultAudiences: options.defaultAudiences });
  const source = model.sources.get(id);
  if (!source) {
    const ids = [...model.sources.keys()];
    throw new UsageError(
      `no source "${id}" in ${displayPath(options.dataDir) || options.dataDir}/sources. ${didYouMean(id, ids, ids.length ? `The sources are: ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', …' : ''}` : 'It holds no source.')}`,
    );
  }
  const folders = anchor.textFolders(model.dataDir, options.textDirs);
  const file = anchor.findTextFile(source, folders, files);
  if (!file) {
    const looked = folders.map((d) => displayPath(d) || d).join(', ');
    const message = `the text of source "${id}", ${source.text}, was not found: looked in ${looked}`;
    const hint = `put ${source.text} in one of them, or name its folder with --texts DIR or BRIEF_TEXTS`;
    if (io.json) io.out({ ok: false, error: message, hint });
    else io.err(`brief: ${message}\n  hint: ${hint}`);
    return ExitCode.invalidInput;
  }
  const read = anchor.readText(source, file, files);
  if ('problem' in read) {
    if (io.json) io.out({ ok: false, errors: [diagnosticJson(read.problem)] });
    else printDiagnostics(io, [read.problem]);
    return ExitCode.invalidInput;
  }
  const { text } = read;
  // Reader comments and boilerplate the source leaves out are never offered as the author's words.
  const problems: Diagnostic[] = [];
  const excluded = anchor.excludedRanges(source, text, file, problems);
  const found = findPassages(text, query, { excluded });
  const shown = path.basename(source.text);

  if (found.passages.length === 0) {
    const near = nearestPassage(text, query);
    const closest = near ? { text: near.text, line: near.line } : undefined;
    const message = `no passage of ${shown} has these words${found.asked > 1 ? ` (at least ${Math.ceil(found.asked / 2)} of the ${found.asked} asked, in one sentence)` : ''}`;
    if (io.json)
      io.out({ ok: false, source: id, text: source.text, error: message, closest: closest ?? null, passages: [] });
    else
      io.err(
        `brief: ${message}${closest ? `\n  the closest, on line ${closest.line}, reads “${closest.text.length > 240 ? `${closest.text.slice(0, 237)}…` : closest.text}”` : ''}\n  hint: try fewer or other words, as the text words them`,
      );
    return ExitCode.invalidInput;
  }
  if (io.json) {
    io.out({
      source: id,
      text: source.text,
      passages: found.passages.map((p) => ({
        quote: p.quote,
        before: p.before,
        after: p.after,
        locator: p.locator ?? null,
        line: p.line,
        start: p.start,
        end: p.end,
        status: p.status,
        ...(p.cut ? { cut: p.cut } : {}),
      })),
    });
    return ExitCode.ok;
  }
  printDiagnostics(io, problems);
  // Context is dimmed on a terminal, bracketed elsewhere, so the quote stands out either way.
  const tty = Boolean(process.stderr.isTTY);
  const dim = (s: string) => (!s ? '' : tty ? `\x1b[2m${s}\x1b[22m` : `[${s}]`);
  io.info(
    `${found.passages.length} passage${found.passages.length === 1 ? '' : 's'} of ${shown} (source ${id}) for “${query}”:`,
  );
  found.passages.forEach((p, i) => {
    const where = [
      p.locator,
      `line ${p.line}`,
      p.status === 'exact' ? 'anchors exact' : `anchors ${p.status}: do not paste it as it is`,
    ]
      .filter(Boolean)
      .join(' · ');
    io.info(`\n${i + 1}. ${where}`);
    io.info(`   ${dim(p.before.trimStart())}${p.quote}${dim(p.after.trimEnd())}`);
    if (p.cut)
      io.info(
        `   (the sentence runs on across ${p.cut === 'page-break' ? 'a page break or a footnote block' : 'a line break'}; this is the longest part of it that stands in the text as written)`,
      );
    io.info(`   ${asYaml(p.quote)}`);
  });
  io.info(
    `\nPaste a quote: line into a claim; leave locator: out and the one above is printed (brief lock records it).`,
  );
  return ExitCode.ok;
}
