// Node-only helpers of @crm/definitions (file system, hashing).
export { contentHash } from './content-hash';
export { loadSolutionFromDirectory, SolutionLoadError } from './load-solution';
