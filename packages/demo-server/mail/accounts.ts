import { writeAccount, type Services } from '../methods/context.ts';
import { defaultIdentity } from '../methods/identity.ts';
import { newId } from '../data/emails.ts';
import { STANDARD_MAILBOXES, insertMailbox } from '../data/mailboxes.ts';
import { putRecord } from '../data/records.ts';
import { addUser, getUser, type NewUser, type User } from '../data/users.ts';

/** Creates a user with its account: the standard mailboxes and one identity. Idempotent. */
export function ensureAccount(services: Services, u: NewUser): User {
  const existing = getUser(services.db, u.username);
  if (existing) return existing;
  const user = addUser(services.db, u);
  writeAccount(services, user.accountId, (rec) => {
    for (const m of STANDARD_MAILBOXES) {
      insertMailbox(services.db, rec, user.accountId, {
        name: m.name,
        parentId: null,
        role: m.role,
        sortOrder: m.sortOrder,
        isSubscribed: true,
      });
    }
    putRecord(services.db, rec, 'Identity', user.accountId, defaultIdentity(newId(services.db, 'I'), u.name, u.email), true);
  });
  return user;
}

/** The users every demo server has. */
export const DEMO_USERS: NewUser[] = [
  { username: 'demo', password: 'demo', email: 'demo@example.test', name: 'Dana Demo' },
  { username: 'alice', password: 'alice-password', email: 'alice@example.test', name: 'Alice Example' },
  { username: 'bob', password: 'bob-password', email: 'bob@example.test', name: 'Bob Example' },
];
