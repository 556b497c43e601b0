// Generates src/generated/<name>.generated.ts from schemas/<name>.schema.json with
// json-schema-to-typescript. References to another schema file become imports of that file's
// generated types, so each type is declared exactly once across the generated modules.
// `--check` regenerates in memory and fails when the committed files are stale.
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compile } from 'json-schema-to-typescript';
import type { JSONSchema } from 'json-schema-to-typescript';
import { format, resolveConfig } from 'prettier';

const root = resolve(__dirname, '..');
const schemaDir = join(root, 'schemas');
const outDir = join(root, 'src', 'generated');

const banner = `/* eslint-disable */
/**
 * GENERATED FILE — DO NOT EDIT.
 * Generated from definitions/schemas/%SOURCE% by definitions/scripts/generate-types.ts.
 * Change the JSON Schema and run \`npm run gen:types\`.
 */`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface SchemaFile {
  name: string;
  file: string;
  schema: { [key: string]: Json };
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function loadSchemas(): SchemaFile[] {
  return readdirSync(schemaDir)
    .filter((file) => file.endsWith('.schema.json'))
    .sort()
    .map((file) => {
      const schema: unknown = JSON.parse(readFileSync(join(schemaDir, file), 'utf8'));
      if (!isObject(schema as Json)) throw new Error(`${file} is not a JSON object`);
      return { name: file.replace(/\.schema\.json$/, ''), file, schema: schema as { [key: string]: Json } };
    });
}

function isConditionalOnly(value: Json): boolean {
  return isObject(value) && Object.keys(value).every((key) => ['if', 'then', 'else'].includes(key));
}

/** The TypeScript type name a `$ref` into another schema file resolves to (its target's title). */
function titleOfRef(files: Map<string, SchemaFile>, ref: string): { name: string; title: string } {
  const [fileName = '', pointer = ''] = ref.split('#');
  const target = files.get(fileName);
  if (!target) throw new Error(`Unknown schema file in $ref "${ref}"`);
  let node: Json | undefined = target.schema;
  for (const part of pointer.split('/').filter(Boolean)) node = isObject(node) ? node[part] : undefined;
  if (!isObject(node) || typeof node.title !== 'string') throw new Error(`$ref "${ref}" has no title`);
  return { name: target.name, title: node.title };
}

/**
 * Replaces cross-file `$ref`s by `tsType` (recording the imports they need) and strips the
 * siblings of local `$ref`s.
 */
function externalise(node: Json, files: Map<string, SchemaFile>, imports: Map<string, Set<string>>): Json {
  if (Array.isArray(node)) return node.map((item) => externalise(item, files, imports));
  if (!isObject(node)) return node;
  const ref = node.$ref;
  // json-schema-to-typescript declares a numbered copy of a type (Key1, Key2…) for every `$ref`
  // with sibling keywords such as a property description; a bare `$ref` reuses the declaration.
  if (typeof ref === 'string' && ref.startsWith('#')) return { $ref: ref };
  if (typeof ref === 'string') {
    const { name, title } = titleOfRef(files, ref);
    const names = imports.get(name) ?? new Set<string>();
    names.add(title);
    imports.set(name, names);
    const { $ref: _ref, ...rest } = node;
    return { ...rest, tsType: title };
  }
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    // if/then constraints add no type information but make the generator wrap the type in an alias.
    if (key === 'allOf' && Array.isArray(value) && value.every(isConditionalOnly)) continue;
    out[key] = externalise(value, files, imports);
  }
  return out;
}

async function generate(file: SchemaFile, files: Map<string, SchemaFile>): Promise<string> {
  const imports = new Map<string, Set<string>>();
  const schema = externalise(file.schema, files, imports) as JSONSchema;
  const body = await compile(schema, file.schema.title as string, {
    bannerComment: '',
    additionalProperties: false,
    unreachableDefinitions: true,
    ignoreMinAndMaxItems: true,
    declareExternallyReferenced: true,
    format: false,
    cwd: schemaDir,
  });
  const importLines = [...imports.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, titles]) => `import type { ${[...titles].sort().join(', ')} } from './${name}.generated';`);
  const source = [banner.replace('%SOURCE%', file.file), ...importLines, '', body].join('\n');
  const config = (await resolveConfig(join(outDir, `${file.name}.generated.ts`))) ?? {};
  return format(source, { ...config, parser: 'typescript' });
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const schemas = loadSchemas();
  const files = new Map(schemas.map((s) => [s.file, s]));
  const stale: string[] = [];
  for (const file of schemas) {
    const target = join(outDir, `${file.name}.generated.ts`);
    const content = await generate(file, files);
    const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
    if (current === content) continue;
    if (check) stale.push(`src/generated/${file.name}.generated.ts`);
    else writeFileSync(target, content);
  }
  if (check && stale.length > 0) {
    console.error(
      `The generated types are out of date with the JSON Schemas:\n  ${stale.join('\n  ')}\n` +
        'Run `npm run gen:types` and commit the result.',
    );
    process.exit(1);
  }
  console.log(check ? 'Generated types are up to date.' : `Generated ${schemas.length} type files.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
