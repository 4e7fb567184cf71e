import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyControl, initialFaults, type FaultState } from '../faults.ts';
import { deliverToUser } from '../mail/deliver.ts';
import type { Services } from '../methods/context.ts';
import { forgetHistory } from '../data/changes.ts';
import { listUsers, userByAddress } from '../data/users.ts';
import { DATA_TYPES, type DataType } from '../wire.ts';
import type { PushHub } from './push.ts';
import { problem, readBody, sendJson } from './respond.ts';

/**
 * The test control endpoints (only with { control: true }):
 *   GET  /__control           -> the fault state
 *   POST /__control           {switches}  (see faults.ts; "reset": true first clears all,
 *                             "cutPush": true closes all event streams)
 *   POST /__control/reset     clears all faults
 *   POST /__control/deliver   { to, raw } delivers a raw message to a local user's Inbox
 *   POST /__control/forget-changes { username?, types? } drops change history (horizon = now)
 */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  services: Services & { faults: FaultState },
  push: PushHub,
): Promise<void> {
  const faults = services.faults;
  const readJson = async (): Promise<Record<string, unknown>> => {
    const body = await readBody(req, 50 * 1024 * 1024, 'maxSizeRequest');
    if (body.length === 0) return {};
    try {
      const v = JSON.parse(body.toString('utf8')) as unknown;
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not an object');
      return v as Record<string, unknown>;
    } catch {
      throw problem(400, 'The control body must be a JSON object');
    }
  };
  if (path === '/__control' && req.method === 'GET') return sendJson(res, 200, faults);
  if (path === '/__control/reset' && req.method === 'POST') {
    Object.assign(faults, initialFaults());
    return sendJson(res, 200, faults);
  }
  if (path === '/__control' && req.method === 'POST') {
    const body = await readJson();
    if (body.reset === true) Object.assign(faults, initialFaults());
    try {
      applyControl(faults, body);
    } catch (e) {
      throw problem(400, (e as Error).message);
    }
    const cut = body.cutPush === true ? push.cutAll() : 0;
    return sendJson(res, 200, { ...faults, cutStreams: cut });
  }
  if (path === '/__control/deliver' && req.method === 'POST') {
    const body = await readJson();
    if (typeof body.to !== 'string' || typeof body.raw !== 'string')
      throw problem(400, 'deliver needs { to: address or username, raw: RFC 5322 message }');
    const user = userByAddress(services.db, body.to);
    if (!user) throw problem(404, `No local user has the address ${body.to}`);
    const row = await deliverToUser(services, user, Buffer.from(body.raw, 'utf8'));
    return sendJson(res, 200, { accountId: user.accountId, emailId: row.id, threadId: row.threadId, blobId: row.blobId });
  }
  if (path === '/__control/forget-changes' && req.method === 'POST') {
    const body = await readJson();
    const users =
      typeof body.username === 'string' ? listUsers(services.db).filter((u) => u.username === body.username) : listUsers(services.db);
    const types = Array.isArray(body.types) ? (body.types as DataType[]).filter((t) => DATA_TYPES.includes(t)) : [...DATA_TYPES];
    for (const u of users) for (const t of types) forgetHistory(services.db, u.accountId, t);
    return sendJson(res, 200, { users: users.map((u) => u.username), types });
  }
  throw problem(404, `No control endpoint ${req.method} ${path}`);
}
