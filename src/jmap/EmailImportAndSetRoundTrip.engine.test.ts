import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import { setFailures } from './set-failures.ts';
import { backend, connectAs, createMailbox, importMessage, unique } from '../../testing/backends/connect.ts';
import { rawMessage } from '../../testing/mail/rawMessage.ts';

describe('Email/import and Email/set', () => {
  it('imports a message, then flags, moves and destroys it, reading each change back', async () => {
    const b = backend();
    const client = await connectAs('alice');
    const [boxA, boxB] = [await createMailbox(client), await createMailbox(client)];
    const subject = unique('Import round trip ü');
    const messageId = `${unique('import')}@test.example`;
    const raw = rawMessage({
      from: `Bob <${b.users.bob.email}>`,
      to: b.users.alice.email,
      subject,
      messageId,
      body: 'Grüße aus dem Test.',
    });
    const { id, blobId } = await importMessage(client, boxA, raw, { $seen: true });

    const props = ['subject', 'messageId', 'from', 'keywords', 'mailboxIds', 'blobId', 'size'];
    const got = await client.call('Email/get', { ids: [id], properties: props });
    expect(got.notFound).toEqual([]);
    const email = got.list[0]!;
    expect(email.subject).toBe(subject);
    expect(email.messageId).toEqual([messageId]);
    expect(email.from).toEqual([{ name: 'Bob', email: b.users.bob.email }]);
    expect(email.keywords).toEqual({ $seen: true });
    expect(email.mailboxIds).toEqual({ [boxA]: true });
    expect(email.blobId).toBe(blobId);

    const set = await client.call('Email/set', {
      update: { [id]: { 'keywords/$flagged': true, [`mailboxIds/${boxA}`]: null, [`mailboxIds/${boxB}`]: true } },
    });
    expect(setFailures('Email/set', set)).toEqual([]);
    expect(Object.keys(set.updated ?? {})).toEqual([id]);
    const after = (await client.call('Email/get', { ids: [id], properties: ['keywords', 'mailboxIds'] })).list[0]!;
    expect(after.keywords).toEqual({ $seen: true, $flagged: true });
    expect(after.mailboxIds).toEqual({ [boxB]: true });

    const destroyed = await client.call('Email/set', { destroy: [id] });
    expect(destroyed.destroyed).toEqual([id]);
    expect((await client.call('Email/get', { ids: [id], properties: ['subject'] })).notFound).toEqual([id]);
  });

  it('creates a draft with Email/set from text parts and reads its body back', async () => {
    const b = backend();
    const client = await connectAs('alice');
    const box = await createMailbox(client);
    const subject = unique('Draft');
    const res = await client.call('Email/set', {
      create: {
        draft: {
          mailboxIds: { [box]: true },
          keywords: { $draft: true, $seen: true },
          from: [{ name: 'Alice', email: b.users.alice.email }],
          to: [{ name: 'Bob', email: b.users.bob.email }],
          subject,
          bodyValues: { t: { value: 'Line one.\nLine two: €.' } },
          textBody: [{ partId: 't', type: 'text/plain' }],
        },
      },
    });
    const id = res.created?.draft?.id;
    expect(id, JSON.stringify(res.notCreated)).toBeTruthy();
    const email = (
      await client.call('Email/get', {
        ids: [id!],
        properties: ['subject', 'keywords', 'textBody', 'bodyValues'],
        fetchTextBodyValues: true,
      })
    ).list[0]!;
    expect(email.subject).toBe(subject);
    expect(email.keywords).toEqual({ $draft: true, $seen: true });
    const partId = email.textBody?.[0]?.partId;
    expect(partId).toBeTruthy();
    expect(email.bodyValues?.[partId!]?.value.replace(/\r\n/g, '\n').trim()).toBe('Line one.\nLine two: €.');
  });

  it('keeps SetErrors per id with a readable description instead of failing the call', async () => {
    const client = await connectAs('alice');
    const box = await createMailbox(client);
    const res = await client.call('Email/set', {
      update: { 'no-such-email-id': { 'keywords/$seen': true } },
      create: {
        bad: {
          mailboxIds: { [box]: true },
          keywords: { $seen: true },
          subject: 'x',
          bodyValues: {},
          textBody: [{ partId: 'missing', type: 'text/plain' }],
        },
      },
    });
    const failures = setFailures('Email/set', res);
    const update = failures.find((f) => f.op === 'update');
    expect(update?.id).toBe('no-such-email-id');
    expect(update?.type).toBe('notFound');
    expect(update?.message).toMatch(/^Could not update message no-such-email-id: it no longer exists on the server/);
    expect(classify(update)).toEqual({ action: 'permanent' });
    const create = failures.find((f) => f.op === 'create');
    expect(create?.id).toBe('bad');
    expect(create?.message).toMatch(/^Could not create message bad: /);
  });
});
