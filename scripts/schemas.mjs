#!/usr/bin/env node
// Writes the JSON Schemas of the corpus files (pipeline/validate/json-schema.ts) to schemas/, one
// file per kind, and removes any the code no longer makes. Run with tsx, which reads the
// TypeScript sources: `npm run schemas`. tests/unit/validate/json-schema.test.ts fails when the
// committed files differ from what the code makes.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemas, schemaText } from '../pipeline/validate/json-schema.ts';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'schemas');
mkdirSync(DIR, { recursive: true });
const schemas = jsonSchemas();
for (const old of readdirSync(DIR)) if (old.endsWith('.schema.json') && !(old in schemas)) rmSync(path.join(DIR, old));
for (const [name, schema] of Object.entries(schemas)) writeFileSync(path.join(DIR, name), schemaText(schema));
console.error(`brief: wrote ${Object.keys(schemas).length} JSON Schemas to schemas/`);
