/**
 * Request shaping only: an upload above the session's maxSizeUpload must never leave the
 * client. The "server" is an in-process fetch that records what is sent to it.
 */
import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import { connect } from './client.ts';
import { TooLargeError } from './errors.ts';

describe('upload size limit', () => {
  it('refuses a file above maxSizeUpload with a clear message, without sending anything', async () => {
    const sent: string[] = [];
    const fetch = async (url: string): Promise<Response> => {
      sent.push(url);
      return Response.json({
        capabilities: { 'urn:ietf:params:jmap:core': { maxSizeUpload: 1024 * 1024 }, 'urn:ietf:params:jmap:mail': {} },
        accounts: { A: { name: 'a', isPersonal: true, isReadOnly: false, accountCapabilities: {} } },
        primaryAccounts: { 'urn:ietf:params:jmap:mail': 'A' },
        username: 'a',
        apiUrl: '/api/',
        uploadUrl: '/upload/{accountId}/',
        downloadUrl: '/download/{accountId}/{blobId}/{name}',
        eventSourceUrl: '',
        state: '1',
      });
    };
    const client = await connect({ url: 'http://fake.test', auth: { kind: 'bearer', token: 't' }, fetch });
    sent.length = 0;
    const err = await client.upload(new Uint8Array(1024 * 1024 + 1), 'application/pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TooLargeError);
    expect((err as Error).message).toBe('The file is too large for the mail server (1048577 bytes; the limit is 1048576 bytes)');
    expect(classify(err)).toEqual({ action: 'permanent' });
    expect(sent).toEqual([]);
  });
});
