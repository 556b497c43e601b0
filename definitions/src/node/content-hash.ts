import { createHash } from 'node:crypto';
import { canonicalJson } from '../shared/canonical-json';

/** sha256 (hex) of the canonical JSON of a definition: equal content, equal hash, whatever the key order. */
export function contentHash(definition: unknown): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}
