/**
 * Every hostile vector (ours and DOMPurify's fixtures) through the app's real
 * rendering path — MessageBody: sanitizeEmailHtml, buildFrameDocument, the sandboxed
 * frame; subject, sender and attachment name as React text — with remote content
 * blocked. Asserted per vector: no script ran (canary, dialogs), none was even
 * attempted (Chromium's "blocked script execution" report from the sandbox), nothing
 * was requested from the remote host or anywhere else, the frame's CSP had nothing to
 * block (the sanitizer alone held), and the rendered DOM keeps the invariants of
 * harness/inspect.ts. Then the sanitizer alone, with no sandbox and no CSP, in a
 * frame that does run scripts: still nothing.
 * The detectors are proven live by hostile-DetectorCatchesUnsanitizedPayload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFixtures } from '../testing/browser/hostile/fixtures.ts';
import { NOTHING } from '../testing/browser/hostile/detectors.ts';
import { HostileSession, type Observed } from '../testing/browser/hostile/session.ts';
import { VECTORS } from './hostile/vectors.ts';

let session: HostileSession;

beforeAll(async () => {
  session = await HostileSession.start();
});
afterAll(async () => {
  // Over the whole file: not one request reached the remote host.
  expect(session.remote.requests).toEqual([]);
  expect(session.remote.connections).toBe(0);
  await session?.stop();
});

function expectNothing(seen: Observed, allowCsp = false): void {
  const why = seen.messages.join('\n');
  expect(seen.canaryIds, why).toEqual([]);
  expect({ ...seen.counters, cspBlocked: allowCsp ? 0 : seen.counters.cspBlocked }, why).toEqual(NOTHING);
}

const fixtures = loadFixtures();

describe('through MessageBody, images blocked', () => {
  it.each(VECTORS)('$id: $title', async (vector) => {
    const seen = await session.observe(() => session.render({ ...vector, senderEmail: vector.senderEmail ?? 'sender@example.com' }), 100);
    expectNothing(seen);
    expect(seen.result.violations).toEqual([]);
  });

  it.skipIf(fixtures.length === 0)(
    `all ${fixtures.length} DOMPurify fixtures as HTML body, subject, sender name and attachment name`,
    async () => {
      for (const fixture of fixtures) {
        const seen = await session.observe(
          () =>
            session.render({
              html: fixture.payload,
              subject: fixture.payload,
              senderName: fixture.payload,
              senderEmail: 'sender@example.com',
              attachmentName: fixture.payload,
              settleMs: 40,
            }),
          20,
        );
        expect(seen.result.violations, `fixture #${fixture.index}: ${fixture.title}`).toEqual([]);
        expect(seen.result.info.kind, `fixture #${fixture.index}`).toBe(fixture.payload.trim() === '' ? 'empty' : 'html');
        expect({ fixture: fixture.index, ...seen.counters, ids: seen.canaryIds }, seen.messages.join('\n')).toEqual({
          fixture: fixture.index,
          ...NOTHING,
          ids: [],
        });
      }
    },
  );

  it.skipIf(fixtures.length === 0)('all DOMPurify fixtures as a plain-text body', async () => {
    for (const fixture of fixtures) {
      const seen = await session.observe(() => session.render({ text: fixture.payload, settleMs: 0 }), 0);
      expect(seen.result.violations, `fixture #${fixture.index}`).toEqual([]);
      expect(seen.result.info.kind).toBe(fixture.payload.trim() === '' ? 'empty' : 'text');
      expectNothing(seen);
    }
  });
});

describe('the sanitizer alone, in a frame that runs scripts, without the CSP', () => {
  const htmlVectors = VECTORS.filter((v) => v.html !== undefined);
  it.each(htmlVectors)('$id', async (vector) => {
    const seen = await session.observe(() => session.renderSanitizedScriptable(vector), 100);
    expectNothing(seen);
  });

  it.skipIf(fixtures.length === 0)('all DOMPurify fixtures', async () => {
    for (const fixture of fixtures) {
      const seen = await session.observe(() => session.renderSanitizedScriptable({ html: fixture.payload, settleMs: 40 }), 20);
      expect({ fixture: fixture.index, ...seen.counters }, seen.messages.join('\n')).toMatchObject({
        fixture: fixture.index,
        canary: 0,
        dialogs: 0,
        remoteRequests: 0,
        offOrigin: 0,
      });
    }
  });
});
