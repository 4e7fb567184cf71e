import { describe, expect, it } from 'vitest';
import { storageWords } from './storageWords.ts';

const MB = 1024 * 1024;
const facts = { persisted: null, quota: 100 * 1024 * MB, bodyBudgetBytes: 50 * MB };
const figures = (s: string) => [...s.matchAll(/(\d+(?:\.\d+)?) (KB|MB)/g)].map(([, n, u]) => Number(n) * (u === 'MB' ? 1024 : 1));

describe('StorageWordsAddUp', () => {
  it('never shows a part bigger than the whole (the traveller: 4.2 MB of text counted in a 3.7 MB origin)', () => {
    const words = storageWords({ ...facts, used: 3.7 * MB, bodyBytes: 4.2 * MB, blobBytes: 0.3 * MB });
    expect(words).toMatch(/^Storage used: 3\.7 MB of 100 GB available \(message text 3\.5 MB, attachments 253 KB\)\./);
    const [whole, ...parts] = figures(words.slice(0, words.indexOf(').')));
    expect(parts).toHaveLength(2);
    for (const p of parts) expect(p).toBeLessThanOrEqual(whole!);
    expect(parts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(whole! + 52); // each figure rounded to 0.1 MB
  });

  it('names what is left when the parts are smaller than the whole, so the parts add up to it', () => {
    const words = storageWords({ ...facts, used: 10 * MB, bodyBytes: 4 * MB, blobBytes: 1 * MB });
    expect(words).toContain('(message text 4 MB, attachments 1 MB, summaries, search and the app 5 MB)');
  });

  it('says how full the message text budget is, as a share', () => {
    expect(storageWords({ ...facts, used: 10 * MB, bodyBytes: 5 * MB, blobBytes: 0 })).toMatch(
      /Offline message text fills 10% of the 50 MB kept for it\.$/,
    );
  });
});
