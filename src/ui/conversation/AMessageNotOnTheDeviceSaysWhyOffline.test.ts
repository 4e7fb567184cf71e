import { describe, expect, it } from 'vitest';
import {
  attachmentNotOnDeviceWords,
  notOnDeviceWords,
  whyAttachmentNotOnDevice,
  type AttachmentFacts,
  type NotOnDeviceFacts,
} from './notOnDevice.ts';

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

describe('AnAttachmentNotOnTheDeviceSaysWhyOffline', () => {
  const MB = 1024 * 1024;
  const file = (over: Partial<AttachmentFacts>) => ({
    ...facts({}),
    size: 100_000,
    maxBytes: 5 * MB,
    attachmentDays: 30,
    windowDays: null,
    ...over,
  });
  it('says an attachment larger than the choice is so, in megabytes', () => {
    expect(attachmentNotOnDeviceWords('plan.pdf', file({ size: 12 * MB }))).toBe(
      '“plan.pdf” is not on this device: it is larger than your offline choice of 5 MB, and was never opened here. ' +
        'You are offline: it will download when you are back online.',
    );
  });
  it('says older than the attachment days, in a folder not kept offline, or never opened', () => {
    expect(whyAttachmentNotOnDevice(file({ receivedMs: now - 40 * DAY }))).toBe('it is older than 30 days, and was never opened here');
    expect(whyAttachmentNotOnDevice(file({ mailboxIds: ['lists'] }))).toBe('it is in a folder not kept offline, and was never opened here');
    expect(whyAttachmentNotOnDevice(file({}))).toBe('it was never opened here and has not been downloaded yet');
    expect(whyAttachmentNotOnDevice(file({ maxBytes: null, attachmentDays: null, receivedMs: now - 400 * DAY }))).toMatch(/never opened/);
  });
});
