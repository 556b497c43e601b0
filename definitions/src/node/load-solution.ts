import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Solution } from '../generated/solution.generated';
import type { SolutionManifest } from '../generated/solution-manifest.generated';
import { definitionValidators } from '../validate/ajv';

/** A solution folder could not be read; `file` names the culprit. */
export class SolutionLoadError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'SolutionLoadError';
  }
}

const collections = ['entities', 'forms', 'processes', 'mailTemplates', 'roles', 'calendars'] as const;

async function readJson(path: string, shown: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SolutionLoadError(
      shown,
      `cannot be read (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SolutionLoadError(
      shown,
      `is not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/**
 * Reads a solution folder (solution.json and the files it lists) and bundles it into one
 * Solution. Only the manifest is checked here; validate the result with `validateSolution`.
 */
export async function loadSolutionFromDirectory(dir: string): Promise<Solution> {
  const root = resolve(dir);
  const manifestPath = join(root, 'solution.json');
  const manifest = await readJson(manifestPath, manifestPath);
  const validate = definitionValidators().manifest;
  if (!validate(manifest)) {
    const details = (validate.errors ?? [])
      .map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`)
      .join('; ');
    throw new SolutionLoadError(manifestPath, `is not a valid solution manifest: ${details}`);
  }
  const m = manifest as SolutionManifest;
  const bundle: Solution = {
    key: m.key,
    label: m.label,
    version: m.version,
    ...(m.description !== undefined ? { description: m.description } : {}),
    entities: [],
    forms: [],
    processes: [],
    mailTemplates: [],
    roles: [],
    calendars: [],
  };
  for (const collection of collections) {
    for (const file of m[collection] ?? []) {
      const path = resolve(root, file);
      const inside = relative(root, path);
      if (inside.startsWith('..') || isAbsolute(inside)) {
        throw new SolutionLoadError(manifestPath, `lists “${file}”, which is outside the solution folder`);
      }
      const definition = await readJson(path, path);
      (bundle[collection] as unknown[]).push(definition);
    }
  }
  return bundle;
}
