import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import { HttpError } from './errors.ts';
import { connectAs } from '../../testing/backends/connect.ts';

describe('blobs', () => {
  it('uploads and downloads a 1 MB binary byte for byte', async () => {
    const client = await connectAs('alice');
    const bytes = new Uint8Array(1024 * 1024);
    // Every byte value, in a pattern that does not repeat on power-of-two boundaries.
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + (i >> 10)) & 0xff;
    const up = await client.upload(bytes, 'application/octet-stream');
    expect(up.size).toBe(bytes.length);
    expect(up.accountId).toBe(client.accountId);

    const blob = await client.download(up.blobId, { name: 'data.bin', type: 'application/octet-stream' });
    const back = new Uint8Array(await blob.arrayBuffer());
    expect(back.length).toBe(bytes.length);
    expect(Buffer.compare(Buffer.from(back), Buffer.from(bytes))).toBe(0);
  });

  it('reports a blob that does not exist as a permanent download failure', async () => {
    const client = await connectAs('alice');
    const err = await client.download('Gnotablob0000000000000000000000000000000', { name: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(404);
    expect(classify(err)).toEqual({ action: 'permanent' });
  });
});
