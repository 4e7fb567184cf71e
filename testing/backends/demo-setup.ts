/**
 * vitest globalSetup for the engine-demo project: starts the embedded demo JMAP server
 * on a free port with a fresh temporary database, fault control on and no demo mailbox
 * (alice and bob start with empty standard mailboxes, like fresh Cyrus users), and
 * provides it as the 'backend' TestBackend. DEMO_PROFILE picks the server profile
 * (default, cyrus, stalwart, james, fastmail) so CI can run the suite under each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { DEMO_USERS, getProfile, startDemoServer, tokenFor, type ProfileName } from '../../packages/demo-server/index.ts';
import type { TestBackend, TestUser } from './backend.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const profileName = (process.env.DEMO_PROFILE || 'default') as ProfileName;
  const profile = getProfile(profileName);
  const dataDir = mkdtempSync(join(tmpdir(), 'jmap-demo-'));
  const server = await startDemoServer({ port: 0, dataDir, profile: profileName, control: true, seed: false });
  const user = (username: string): TestUser & { token: string } => {
    const u = DEMO_USERS.find((x) => x.username === username);
    if (!u) throw new Error(`The demo server has no user ${username}`);
    // token: the user's Bearer token (the fastmail profile takes nothing else).
    return { username: u.username, password: u.password, email: u.email, token: tokenFor(u.username, u.password) };
  };
  const backend: TestBackend = {
    name: 'demo',
    origin: server.origin,
    wellKnownUrl: `${server.origin}/.well-known/jmap`,
    sessionUrl: `${server.origin}${profile.sessionPath}`,
    users: { alice: user('alice'), bob: user('bob') },
    capabilities: {
      push: profile.push.enabled,
      faults: true,
      delivery: true,
      identitySet: !profile.missingMethods.includes('Identity/set'),
      listsSubmissions: !profile.missingMethods.includes('EmailSubmission/query'),
      vacationResponse: !profile.missingMethods.includes('VacationResponse/set'),
    },
    controlUrl: `${server.origin}/__control`,
    deliver: { kind: 'control', url: `${server.origin}/__control/deliver` },
  };
  project.provide('backend', backend);
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
