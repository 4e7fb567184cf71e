import { describe, expect, it } from 'vitest';
import { parsePageMessage } from './messages.ts';

describe('messages from pages', () => {
  it('accepts the known shapes', () => {
    expect(parsePageMessage({ type: 'heartbeat', accountId: 'a', visible: true })).toEqual({
      type: 'heartbeat',
      accountId: 'a',
      visible: true,
    });
    expect(parsePageMessage({ type: 'syncNow', accountId: 'a', reason: 'online' })).toEqual({
      type: 'syncNow',
      accountId: 'a',
      reason: 'online',
    });
    expect(parsePageMessage({ type: 'signOut', accountId: 'a', extra: 1 })).toEqual({ type: 'signOut', accountId: 'a' });
    expect(parsePageMessage({ type: 'SKIP_WAITING' })).toEqual({ type: 'SKIP_WAITING' });
    expect(parsePageMessage({ type: 'updating', extra: '<script>' })).toEqual({ type: 'updating' });
  });

  it('ignores what an older or newer page might send, and anything malformed', () => {
    for (const data of [
      null,
      'heartbeat',
      42,
      {},
      { type: 'heartbeat' },
      { type: 'heartbeat', accountId: '' },
      { type: 'status', accountId: 7 },
      { type: 'reboot', accountId: 'a' },
    ]) {
      expect(parsePageMessage(data)).toBeNull();
    }
  });

  it('treats a missing or unknown sync reason as the person asking, and visible only when said', () => {
    expect(parsePageMessage({ type: 'syncNow', accountId: 'a', reason: 'whim' })).toMatchObject({ reason: 'person' });
    expect(parsePageMessage({ type: 'heartbeat', accountId: 'a', visible: 'yes' })).toMatchObject({ visible: false });
  });
});
