import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository root: the nearest folder above this file whose package.json declares workspaces.
 * Runtime state (`.data/`) and cached tools (`.tools/`) live there, both git-ignored.
 */
export function findRepoRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && declaresWorkspaces(manifest)) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No workspace root (package.json with "workspaces") above ${from}`);
    dir = parent;
  }
}

function declaresWorkspaces(manifestPath: string): boolean {
  const parsed: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return typeof parsed === 'object' && parsed !== null && 'workspaces' in parsed;
}

export function dataDir(...segments: string[]): string {
  return path.join(findRepoRoot(), '.data', ...segments);
}
