import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Solution } from '../generated/solution.generated';

/** The shipped B2B solution, bundled from its folder: the realistic fixture of the diff tests. */
export function loadB2bSolution(): Solution {
  const dir = join(__dirname, '..', '..', 'solutions', 'b2b-sales');
  const read = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const manifest = read('solution.json') as Record<string, unknown>;
  const files = (list: string): unknown[] => ((manifest[list] ?? []) as string[]).map(read);
  return {
    ...manifest,
    entities: files('entities'),
    forms: files('forms'),
    processes: files('processes'),
    mailTemplates: files('mailTemplates'),
    roles: files('roles'),
    calendars: files('calendars'),
  } as Solution;
}
