// validate: the zod schemas → one JSON Schema (draft 2020-12) per file kind, for editors (pure).
// `npm run schemas` writes them to schemas/; `brief init` and `brief schemas` copy them into a corpus.
import { z } from 'zod';
import { ConfigFile } from '../config/file.ts';
import {
  ActorsFile,
  AudiencesFile,
  ClaimsFile,
  DatasetSidecar,
  EventsFile,
  PackFile,
  PerspectivesFile,
  QuestionsFile,
  ReportFrontMatter,
  SourceFrontMatter,
} from './schemas.ts';

/** Not a real host on purpose (RFC 2606): the ids name the schemas, nothing is served there. */
export const SCHEMA_BASE = 'https://brief-desk.invalid/schemas/';

export interface SchemaKind {
  /** The file name, e.g. claims.schema.json. */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly schema: z.ZodType;
  /** Glob patterns, from the corpus folder, of the YAML files it describes; none for front matter in Markdown. */
  readonly files: readonly string[];
}

export const SCHEMA_KINDS: readonly SchemaKind[] = [
  {
    name: 'claims.schema.json',
    title: 'brief claims file',
    description: 'data/claims/<source-id>.yaml: the claims one source makes, each with a verbatim quote.',
    schema: ClaimsFile,
    files: ['data/claims/*.yaml'],
  },
  {
    name: 'events.schema.json',
    title: 'brief events file',
    description: 'data/events/*.yaml: a list of dated events, each with its actors and evidence.',
    schema: EventsFile,
    files: ['data/events/*.yaml'],
  },
  {
    name: 'source.schema.json',
    title: 'brief source front matter',
    description: 'The front matter of data/sources/<id>.md: what the source is and where its text is.',
    schema: SourceFrontMatter,
    files: [],
  },
  {
    name: 'report.schema.json',
    title: 'brief report front matter',
    description:
      "The front matter of data/reports/<id>.md: the document's kind, audience and the parts of its outline.",
    schema: ReportFrontMatter,
    files: [],
  },
  {
    name: 'audiences.schema.json',
    title: 'brief audiences',
    description: 'data/audiences.yaml: who documents are made for, and what each audience gets.',
    schema: AudiencesFile,
    files: ['data/audiences.yaml'],
  },
  {
    name: 'pack.schema.json',
    title: 'brief briefing pack',
    description: 'data/packs/<id>.yaml: documents in order behind a cover and a contents page.',
    schema: PackFile,
    files: ['data/packs/*.yaml'],
  },
  {
    name: 'questions.schema.json',
    title: 'brief questions',
    description: 'data/questions.yaml: contested questions, answered on a −2…+2 scale.',
    schema: QuestionsFile,
    files: ['data/questions.yaml'],
  },
  {
    name: 'perspectives.schema.json',
    title: 'brief perspectives',
    description: 'data/perspectives.yaml: where sources write from.',
    schema: PerspectivesFile,
    files: ['data/perspectives.yaml'],
  },
  {
    name: 'actors.schema.json',
    title: 'brief actors',
    description: 'data/actors.yaml: the actor codes used everywhere, with the names prose uses.',
    schema: ActorsFile,
    files: ['data/actors.yaml'],
  },
  {
    name: 'dataset.schema.json',
    title: 'brief dataset sidecar',
    description: 'data/datasets/<id>.yaml: what the data file beside it holds, column by column.',
    schema: DatasetSidecar,
    files: ['data/datasets/*.yaml'],
  },
  {
    name: 'brief-config.schema.json',
    title: 'brief.config.yaml',
    description: 'The settings of a corpus: its folders and default audiences; paths are relative to the file.',
    schema: ConfigFile,
    files: ['brief.config.yaml'],
  },
];

const SAFE = Number.MAX_SAFE_INTEGER;

/** name → JSON Schema, in SCHEMA_KINDS's order. */
export function jsonSchemas(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(SCHEMA_KINDS.map((kind) => [kind.name, jsonSchemaOf(kind)]));
}

function jsonSchemaOf(kind: SchemaKind): Record<string, unknown> {
  const body = z.toJSONSchema(kind.schema, {
    target: 'draft-2020-12',
    // What a person writes: a field with a default is optional; a transform's input is what is checked.
    io: 'input',
    // Anything zod cannot say in JSON Schema fails here, at generation, not silently in an editor.
    unrepresentable: 'throw',
    override: ({ jsonSchema }) => {
      // z.number().int() bounds itself to safe integers: true, and noise in an editor's hover.
      if (jsonSchema.minimum === -SAFE) delete jsonSchema.minimum;
      if (jsonSchema.maximum === SAFE) delete jsonSchema.maximum;
    },
  }) as Record<string, unknown>;
  const { $schema, ...rest } = body;
  return { $schema, $id: `${SCHEMA_BASE}${kind.name}`, title: kind.title, description: kind.description, ...rest };
}

/** The file text of a schema, as schemas/ holds it. */
export const schemaText = (schema: unknown): string => `${JSON.stringify(schema, null, 2)}\n`;
