// commands: the flags of `brief capture`, declared here and listed in the CLI's table of flags
// (commands/index.ts); imported by the CLI on every run, so this file imports nothing.
export const CAPTURE_FLAGS = {
  id: {
    type: 'string',
    value: 'ID',
    help: 'capture: the id of the source (default: <author-or-publisher>-<year>; a re-capture keeps its id)',
  },
  perspective: {
    type: 'string',
    value: 'ID',
    help: 'capture: the perspective the source speaks from (an id of data/perspectives.yaml)',
  },
  reliability: {
    type: 'string',
    value: 'A–F',
    help: "capture: the source's reliability grade, A (reliable) to F (cannot be judged)",
  },
  distribution: {
    type: 'string',
    value: 'WHO',
    help: 'capture: public (default) or internal: who may receive what is quoted from the source',
  },
  csl: {
    type: 'string',
    value: 'FILE',
    help: "capture: a CSL-JSON export (Zotero) whose matching item's fields win over the file's own",
  },
} as const;
