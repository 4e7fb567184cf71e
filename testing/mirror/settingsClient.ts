/**
 * What the settings unit tests of src/outbox share: a database with one kept identity, and
 * a stand-in JMAP client that records the calls the flusher makes and answers as a test
 * says (an answer, or a thrown error), with or without the account's capabilities.
 */
import 'fake-indexeddb/auto';
import { CAPABILITY, type Identity, type JmapClient } from '../../src/jmap/index.ts';
import { MailDb, keptIdentities, writeSetting } from '../../src/store/index.ts';
import { uniqueDbName } from '../records.ts';

export const ACCOUNT = 'acct';

export const IDENTITY: Identity = {
  id: 'I1',
  name: 'Alice',
  email: 'alice@example.com',
  replyTo: null,
  bcc: null,
  textSignature: 'Old signature',
  htmlSignature: '',
  mayDelete: false,
};

/** A fresh database that has read the account's one identity from the server before. */
export async function dbWithIdentity(label: string): Promise<MailDb> {
  const db = new MailDb(uniqueDbName(label));
  await writeSetting(db, keptIdentities(ACCOUNT), [IDENTITY]);
  return db;
}

export interface RecordingClient {
  client: JmapClient;
  calls: { method: string; args: Record<string, unknown> }[];
}

export function recordingClient(
  answer: (method: string, args: Record<string, unknown>) => unknown,
  capabilities: { submission?: boolean; vacation?: boolean } = { submission: true, vacation: true },
): RecordingClient {
  const calls: RecordingClient['calls'] = [];
  const has = (uri: string) =>
    (uri === CAPABILITY.submission && capabilities.submission) || (uri === CAPABILITY.vacationResponse && capabilities.vacation);
  const client = {
    accountId: ACCOUNT,
    limits: { maxObjectsInSet: 500 },
    accountCapability: (uri: string) => (has(uri) ? {} : undefined),
    call: async (method: string, args: Record<string, unknown>) => {
      calls.push({ method, args });
      return answer(method, args);
    },
  };
  return { client: client as unknown as JmapClient, calls };
}
