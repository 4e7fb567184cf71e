import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * DOMPurify's own test payloads, read from outside the project when present
 * (`../shared/corpus/xss/`, relative to the repository root; see its README). They are
 * never copied into the project; without the file the suite runs on our vectors alone.
 */
export const FIXTURES_PATH = fileURLToPath(new URL('../../../../shared/corpus/xss/dompurify-fixtures.json', import.meta.url));

export interface Fixture {
  index: number;
  title: string;
  payload: string;
}

export function loadFixtures(): Fixture[] {
  if (!existsSync(FIXTURES_PATH)) return [];
  const parsed: unknown = JSON.parse(readFileSync(FIXTURES_PATH, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${FIXTURES_PATH} is not a JSON array of { title, payload }`);
  return parsed.flatMap((entry: unknown, index) => {
    if (typeof entry !== 'object' || entry === null) return [];
    const { title, payload } = entry as { title?: unknown; payload?: unknown };
    if (typeof payload !== 'string') return [];
    return [{ index, title: typeof title === 'string' ? title : `fixture #${index}`, payload }];
  });
}
