// Test support, preloaded with --require: SIGKILLs the process right after a rename whose target
// matches KILL_AFTER_RENAME (a regular expression), to cut a run between two of its steps.
const fsp = require('node:fs/promises');
const { syncBuiltinESMExports } = require('node:module');
const pattern = new RegExp(process.env.KILL_AFTER_RENAME);
const rename = fsp.rename;
fsp.rename = async (from, to) => {
  await rename(from, to);
  if (pattern.test(String(to))) process.kill(process.pid, 'SIGKILL');
};
syncBuiltinESMExports();
