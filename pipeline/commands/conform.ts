// commands: `brief conform FILE…`: the PDF/UA-1 and PDF/A-2/-3 conformance check on any PDFs (a
// folder stands for the PDFs under it). Each finding with its file, page, place, rule and a hint;
// exit 1 when there is any.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { checkConformance, type Finding, UnreadablePdfError, whereOf } from '../conform/index.ts';
import { ExitCode, UsageError } from '../core/diagnostics.ts';
import { displayPath } from '../core/paths.ts';
import type { CommandContext } from '../run/command.ts';
import { plural } from '../core/plural.ts';

/** In text output, a rule's findings in one file after these many are counted, not listed (--json has all). */
const SHOWN = 5;

/** The files named, a folder standing for the PDFs under it, in a stable order. */
async function pdfFiles(args: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const arg of args) {
    const info = await stat(arg).catch(() => undefined);
    if (!info) throw new UsageError(`${arg} does not exist; name PDF files, or a folder that holds them`);
    if (!info.isDirectory()) {
      out.push(arg);
      continue;
    }
    const found = (await readdir(arg, { recursive: true }))
      .filter((f) => f.toLowerCase().endsWith('.pdf'))
      .sort()
      .map((f) => path.join(arg, f));
    if (found.length === 0) throw new UsageError(`${arg} holds no .pdf file`);
    out.push(...found);
  }
  return out;
}

function printFindings(io: CommandContext['io'], file: string, findings: readonly Finding[]): void {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  for (const [rule, list] of byRule) {
    for (const f of list.slice(0, SHOWN))
      io.err(`${displayPath(file) || file}  ${whereOf(f)}  ${f.standard} ${rule}  ${f.message}\n  hint: ${f.hint}`);
    if (list.length > SHOWN)
      io.err(`${displayPath(file) || file}  … and ${list.length - SHOWN} more ${rule} (--json lists every one)`);
  }
}

export async function main({ args, io }: CommandContext): Promise<ExitCode> {
  if (args.length === 0) throw new UsageError('name the PDFs to check: brief conform FILE… (or a folder of them)');
  const files = await pdfFiles(args);
  const results: { file: string; ok: boolean; findings: Finding[]; error?: string }[] = [];
  for (const [i, file] of files.entries()) {
    io.progress(`checking ${i + 1}/${files.length} ${path.basename(file)}`);
    try {
      const findings = await checkConformance(await readFile(file), { file });
      results.push({ file, ok: findings.length === 0, findings });
    } catch (err) {
      if (!(err instanceof UnreadablePdfError)) throw err;
      results.push({ file, ok: false, findings: [], error: err.message });
    }
  }
  io.progress('');
  const ok = results.every((r) => r.ok);
  if (io.json) {
    io.out({ ok, files: results });
    return ok ? ExitCode.ok : ExitCode.invalidInput;
  }
  for (const r of results) {
    if (r.error) io.err(r.error);
    else if (r.ok) io.info(`${displayPath(r.file) || r.file}  ok: no finding`);
    else printFindings(io, r.file, r.findings);
  }
  const failed = results.filter((r) => !r.ok).length;
  const unreadable = results.filter((r) => r.error).length;
  (ok ? io.info : io.err)(
    ok
      ? `ok: ${plural(files.length, 'PDF')}, no finding (a subset of PDF/UA-1 and PDF/A-2/-3: see the README, "Standards")`
      : `${failed} of ${files.length} PDF(s) fail: ${results.reduce((n, r) => n + r.findings.length, 0)} finding(s)${unreadable ? `, ${unreadable} not readable as PDF` : ''}`,
  );
  return ok ? ExitCode.ok : ExitCode.invalidInput;
}
