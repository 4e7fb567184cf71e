import type { FaultState } from '../faults.ts';
import type { Profile } from '../profiles.ts';
import { createRecorder, type Recorder } from '../data/changes.ts';
import type { Db } from '../data/db.ts';
import type { User } from '../data/users.ts';
import type { StoredSubscription } from '../data/push-subscriptions.ts';
import type { DataType, JsonObject } from '../wire.ts';

/** What the server offers every method call: storage, the caller, the profile, faults, push. */
export interface Services {
  db: Db;
  profile: Profile;
  faults: FaultState;
  /** Tells push listeners of an account that these types changed (after commit). */
  notify(accountId: string, types: Set<DataType>): void;
  now(): Date;
  /** Web Push (profile.webPush): push a new subscription's verification, forget a destroyed one. */
  webPush?: { verify(sub: StoredSubscription): void; forget(id: string): void };
}

/** One API request in flight: the caller and the request-wide creation ids. */
export interface Ctx extends Services {
  user: User;
  using: Set<string>;
  /** creation id -> server id, seeded from the request's createdIds (RFC 8620 3.3). */
  creationIds: Map<string, string>;
  /** Runs fn in one transaction with a change recorder, then notifies push listeners. */
  write<T>(accountId: string, fn: (rec: Recorder) => T): T;
}

export type MethodOutput = JsonObject | { responses: [string, JsonObject][] };
export type Handler = (args: JsonObject, ctx: Ctx) => Promise<MethodOutput> | MethodOutput;

export function makeCtx(services: Services, user: User, using: Set<string>, createdIds: Record<string, string> | undefined): Ctx {
  const ctx: Ctx = {
    ...services,
    user,
    using,
    creationIds: new Map(Object.entries(createdIds ?? {})),
    write: (accountId, fn) => writeAccount(services, accountId, fn),
  };
  return ctx;
}

/** One transaction on one account with a change recorder; push listeners hear of it after commit. */
export function writeAccount<T>(services: Services, accountId: string, fn: (rec: Recorder) => T): T {
  const rec = createRecorder(services.db, accountId, services.profile.changeHistory);
  const result = services.db.transaction(() => fn(rec))();
  if (rec.touched.size > 0) services.notify(accountId, rec.touched);
  return result;
}
