import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSolutionFromDirectory } from '../node';
import { RULE_IDS } from './definition-error';
import { validateSolution } from './validate';

const fixtures = join(__dirname, '..', '..', 'test-fixtures');
const invalidDir = join(fixtures, 'invalid');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

const invalid = readdirSync(invalidDir)
  .filter((file) => file.endsWith('.json') && !file.endsWith('.expected.json'))
  .map((file) => file.replace(/\.json$/, ''))
  .sort();

describe('invalid fixtures: one per rule, with their exact errors', () => {
  it.each(invalid)('%s', (rule) => {
    const solution = readJson(join(invalidDir, `${rule}.json`));
    const expected = readJson(join(invalidDir, `${rule}.expected.json`));
    const errors = validateSolution(solution);
    expect(errors).toEqual(expected);
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((e) => e.rule))).toEqual(new Set([rule]));
  });

  it('covers every rule id', () => {
    expect(invalid).toEqual([...RULE_IDS].sort());
  });
});

describe('valid fixtures', () => {
  const validDir = join(fixtures, 'valid');
  it.each(readdirSync(validDir).filter((f) => f.endsWith('.json')))('%s has no errors', (file) => {
    expect(validateSolution(readJson(join(validDir, file)))).toEqual([]);
  });
});

const b2b = join(__dirname, '..', '..', 'solutions', 'b2b-sales');
(existsSync(join(b2b, 'solution.json')) ? describe : describe.skip)('shipped solution b2b-sales', () => {
  it('loads and validates without errors', async () => {
    const solution = await loadSolutionFromDirectory(b2b);
    expect(solution.entities.length).toBeGreaterThan(0);
    expect(solution.processes.length).toBeGreaterThan(0);
    expect(validateSolution(solution)).toEqual([]);
  });
});
