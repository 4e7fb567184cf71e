/**
 * Offline, or with the mail server out of reach, a search is not a failure: the words say
 * the results are this device's, and that mail whose text is not kept was searched by
 * subject and people only (a body word cannot find it), instead of "The server search
 * failed" beside the device's results.
 */
import { describe, expect, it } from 'vitest';
import { HostRequestError } from '../bridge/ask.ts';
import { searchWords } from './SearchPanel.tsx';

const unreachable = new HostRequestError({ kind: 'offline', message: "Can't reach the mail server at mail.example.com", transient: true });

describe('the words beside search results', () => {
  it('says the results are from this device when offline or unreachable, never that search failed', () => {
    for (const words of [searchWords(false, false, null, 0), searchWords(true, false, unreachable, 0)]) {
      expect(words).toMatch(/results from this device\.$/);
      expect(words).not.toMatch(/fail/i);
    }
  });

  it('says how many messages were searched without their text', () => {
    expect(searchWords(false, false, null, 1204)).toBe(
      "Offline: results from this device. 1,204 messages' text is not on this device: searched by subject and people only.",
    );
    expect(searchWords(true, false, unreachable, 1)).toContain("1 message's text is not on this device");
  });

  it('names a refusal by the server in its own words, and says nothing of the device when the server answered', () => {
    const refused = new HostRequestError({ kind: 'serverError', message: 'unsupportedFilter', transient: false });
    expect(searchWords(true, false, refused, 3)).toMatch(/^The server did not search \(unsupportedFilter\): results from this device\./);
    expect(searchWords(true, false, null, 3)).toBe('Results from this device and the server.');
  });
});
