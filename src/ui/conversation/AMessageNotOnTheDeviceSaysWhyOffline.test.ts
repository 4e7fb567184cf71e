import { describe, expect, it } from 'vitest';
import { notOnDeviceWords, type NotOnDeviceFacts } from './notOnDevice.ts';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 11, 1);
const facts = (over: Partial<NotOnDeviceFacts>): NotOnDeviceFacts => ({
  receivedMs: now - DAY,
  mailboxIds: ['inbox'],
  now,
  windowDays: 30,
  leftOut: ['archive', 'lists'],
  reach: 'offline',
  ...over,
});

describe('AMessageNotOnTheDeviceSaysWhyOffline', () => {
  it('says an old message is older than the offline choice, and that it downloads when back online', () => {
    expect(notOnDeviceWords(facts({ receivedMs: now - 45 * DAY }))).toBe(
      'This message is not on this device: it is older than your offline choice (the last 30 days), and was never opened on this device. ' +
        'You are offline: it will download when you are back online.',
    );
  });

  it('says a message in a folder not kept offline is so', () => {
    expect(notOnDeviceWords(facts({ mailboxIds: ['lists'] }))).toMatch(
      /it is in a folder not kept offline, and was never opened on this device\./,
    );
    expect(notOnDeviceWords(facts({ mailboxIds: ['archive'], receivedMs: now - 90 * DAY }))).toMatch(
      /older than your offline choice \(the last 30 days\) and in a folder not kept offline/,
    );
  });

  it('says a message in the offline choice was never opened and not downloaded yet', () => {
    expect(notOnDeviceWords(facts({ mailboxIds: ['archive', 'sent'] }))).toMatch(
      /it was never opened on this device and has not been downloaded yet\./,
    );
  });

  it('never calls mail old when all mail is kept', () => {
    expect(notOnDeviceWords(facts({ windowDays: null, receivedMs: now - 900 * DAY }))).toMatch(/it was never opened on this device/);
  });

  it('tells an unreachable server from airplane mode', () => {
    expect(notOnDeviceWords(facts({ reach: 'unreachable' }))).toMatch(
      /The mail server cannot be reached: it will download when it answers again\.$/,
    );
  });
});
