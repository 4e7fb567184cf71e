/**
 * A hit found on this device shows the words that matched, as a server's snippet does:
 * from the kept body first, else the preview or subject, each word starting with a
 * searched term marked, around the first one.
 */
import { describe, expect, it } from 'vitest';
import { localSnippet, searchTerms } from './localSnippet.ts';

const shown = (s: ReturnType<typeof localSnippet>) => (s ?? []).map((p) => (p.marked ? `[${p.text}]` : p.text)).join('');

describe('the matching words of a device hit', () => {
  it('marks every word starting with a searched term, from the body before the preview', () => {
    const body = 'Hello Dana. The albatross was seen again near the harbour; two Albatrosses, in fact.';
    expect(shown(localSnippet([body, 'A preview'], searchTerms('albat')))).toBe(
      'Hello Dana. The [albatross] was seen again near the harbour; two [Albatrosses], in fact.',
    );
  });

  it('cuts a long text around the first match, and says it was cut', () => {
    const body = `${'Earlier words go here. '.repeat(20)}Then the kestrel budget follows. ${'More words after. '.repeat(20)}`;
    const s = shown(localSnippet([body], searchTerms('kestrel')));
    expect(s.startsWith('…')).toBe(true);
    expect(s.endsWith('…')).toBe(true);
    expect(s).toContain('[kestrel] budget');
    expect(s.length).toBeLessThan(200);
  });

  it('matches at the start of words only, in any script, and gives nothing when no word matches', () => {
    expect(shown(localSnippet(['Überweisung für Łukasz erhalten'], searchTerms('łuk')))).toBe('Überweisung für [Łukasz] erhalten');
    expect(localSnippet(['the crossroads'], searchTerms('ross'))).toBeUndefined();
    expect(localSnippet(['anything'], [])).toBeUndefined();
  });

  it('treats the searched words as text, not as a pattern', () => {
    expect(shown(localSnippet(['costs (a+b) total'], searchTerms('(a+b)')))).toBe('costs [(a+b)] total');
  });
});
