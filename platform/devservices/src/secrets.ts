import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * The value of `envName` when set; otherwise a random secret generated once and kept in `file`
 * (under the git-ignored .data/), so that sessions and demo logins survive restarts.
 */
export async function persistentSecret(envName: string, file: string, bytes = 32): Promise<string> {
  const fromEnv = process.env[envName];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (existsSync(file)) {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored !== '') return stored;
  }
  const secret = randomBytes(bytes).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
