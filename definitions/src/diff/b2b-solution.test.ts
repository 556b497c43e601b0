import { join } from 'node:path';
import { loadSolutionFromDirectory } from '../node/load-solution';
import { validateSolution } from '../validate/validate';
import { loadB2bSolution } from './b2b-fixture';

// The diff tables are built when the test files load, so they read the shipped solution
// synchronously; this guard keeps that reader identical to the product's loader.
describe('the shipped B2B solution', () => {
  it('is what loadSolutionFromDirectory bundles, and it is valid', async () => {
    const loaded = await loadSolutionFromDirectory(join(__dirname, '..', '..', 'solutions', 'b2b-sales'));
    expect(loadB2bSolution()).toEqual(loaded);
    expect(validateSolution(loaded)).toEqual([]);
  });
});
