import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdId, startTestServer, type TestServer } from './test-harness.ts';
import type { JsonObject } from './wire.ts';

describe('Identity and VacationResponse', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("creates, updates and destroys identities for the user's own address only, with /changes", async () => {
    const state = (await server.one('Identity/get', { ids: [] })).state as string;
    const r = await server.one('Identity/set', {
      create: {
        work: { name: 'Alice at work', email: 'alice@example.test', textSignature: '-- \nAlice' },
        other: { name: 'Not me', email: 'carol@example.test' },
      },
    });
    const id = createdId(r, 'work');
    expect(r.created).toMatchObject({ work: { mayDelete: true } });
    expect(r.notCreated).toMatchObject({ other: { type: 'forbiddenFrom' } });
    const upd = await server.one('Identity/set', { update: { [id]: { replyTo: [{ name: null, email: 'alice+work@example.test' }] } } });
    expect(upd.updated).toEqual({ [id]: null });
    const bad = await server.one('Identity/set', { update: { [id]: { email: 'x@example.test' } } });
    expect(bad.notUpdated).toMatchObject({ [id]: { type: 'invalidProperties', properties: ['email'] } });
    expect(await server.one('Identity/changes', { sinceState: state })).toMatchObject({ created: [id], updated: [], destroyed: [] });
    const main = ((await server.one('Identity/get', { ids: null })).list as JsonObject[]).find((i) => i.mayDelete === false)!;
    const del = await server.one('Identity/set', { destroy: [id, main.id as string] });
    expect(del.destroyed).toEqual([id]);
    expect(del.notDestroyed).toMatchObject({ [main.id as string]: { type: 'forbidden' } });
  });

  it('keeps the VacationResponse singleton', async () => {
    const before = await server.one('VacationResponse/get', { ids: null });
    expect(before.list).toEqual([
      { id: 'singleton', isEnabled: false, fromDate: null, toDate: null, subject: null, textBody: null, htmlBody: null },
    ]);
    const r = await server.one('VacationResponse/set', {
      update: { singleton: { isEnabled: true, subject: 'Away', textBody: 'Back on Monday.' } },
      create: { x: {} },
      destroy: ['singleton'],
    });
    expect(r.updated).toEqual({ singleton: null });
    expect(r.notCreated).toMatchObject({ x: { type: 'singleton' } });
    expect(r.notDestroyed).toMatchObject({ singleton: { type: 'singleton' } });
    expect(r.newState).not.toBe(r.oldState);
    const after = await server.one('VacationResponse/get', { ids: ['singleton'], properties: ['isEnabled', 'subject'] });
    expect(after.list).toEqual([{ id: 'singleton', isEnabled: true, subject: 'Away' }]);
  });
});
