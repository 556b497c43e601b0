// Prints one plain closing line, "N passed, N failed, N skipped", as the very last line of the
// run (after Jest's own summary), so that any CI can read the outcome. Suites that fail to load
// count as failures.
const fs = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    process.once('exit', () => fs.writeSync(1, line));
  }
}
module.exports = SummaryReporter;
