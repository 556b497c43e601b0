import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Solution } from '../generated/solution.generated';
import { validateSolution } from '../validate/validate';
import { contentHash } from './content-hash';
import { loadSolutionFromDirectory, SolutionLoadError } from './load-solution';

const lettings = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'test-fixtures', 'valid', 'lettings.solution.json'), 'utf8'),
) as Solution;

function writeSolution(dir: string, manifestExtra: Record<string, unknown> = {}): void {
  const manifest: Record<string, unknown> = {
    key: lettings.key,
    label: lettings.label,
    version: lettings.version,
  };
  const folders = {
    entities: 'entity',
    forms: 'form',
    processes: 'process',
    mailTemplates: 'mail',
    roles: 'role',
    calendars: 'calendar',
  } as const;
  for (const [collection, suffix] of Object.entries(folders)) {
    const list = lettings[collection as keyof typeof folders] as Array<{ key: string }>;
    mkdirSync(join(dir, collection), { recursive: true });
    manifest[collection] = list.map((d) => {
      const file = `${collection}/${d.key}.${suffix}.json`;
      writeFileSync(join(dir, file), JSON.stringify(d));
      return file;
    });
  }
  writeFileSync(join(dir, 'solution.json'), JSON.stringify({ ...manifest, ...manifestExtra }));
}

describe('loadSolutionFromDirectory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-solution-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles the manifest and its files into one valid solution', async () => {
    writeSolution(dir);
    const solution = await loadSolutionFromDirectory(dir);
    expect(solution.entities.map((e) => e.key)).toEqual(['property', 'applicant', 'letting']);
    expect(solution.processes).toHaveLength(1);
    expect(validateSolution(solution)).toEqual([]);
  });

  it('names the file that is not JSON', async () => {
    writeSolution(dir);
    writeFileSync(join(dir, 'roles', 'letting_agent.role.json'), '{ nope');
    await expect(loadSolutionFromDirectory(dir)).rejects.toThrow(
      /letting_agent\.role\.json: is not valid JSON/,
    );
  });

  it('names a missing file', async () => {
    writeSolution(dir, { calendars: ['calendars/missing.calendar.json'] });
    await expect(loadSolutionFromDirectory(dir)).rejects.toThrow(/missing\.calendar\.json: cannot be read/);
  });

  it('refuses an invalid manifest and paths outside the folder', async () => {
    writeSolution(dir, { roles: ['../outside.json'] });
    const error = await loadSolutionFromDirectory(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SolutionLoadError);
    expect((error as SolutionLoadError).file).toBe(join(dir, 'solution.json'));
  });
});

describe('contentHash', () => {
  it('ignores key order and changes with the content', () => {
    expect(contentHash({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(contentHash({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
    expect(contentHash(lettings.entities[0])).toMatch(/^[0-9a-f]{64}$/);
  });
});
