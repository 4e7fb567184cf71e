/**
 * SetErrors stay on the /set response, keyed by id (RFC 8620 §5.3): a /set call succeeds
 * as a whole even when some objects are refused. This lists them as SetItemErrors so a
 * caller can report each with a readable message and classify() it.
 */
import { SetItemError, type SetOperation } from './errors.ts';
import type { SetError } from './wire/core.ts';

interface SetLikeResponse {
  notCreated?: Record<string, SetError> | null;
  notUpdated?: Record<string, SetError> | null;
  notDestroyed?: Record<string, SetError> | null;
}

export function setFailures(method: string, response: SetLikeResponse): SetItemError[] {
  const out: SetItemError[] = [];
  const add = (op: SetOperation, map: Record<string, SetError> | null | undefined) => {
    for (const [id, err] of Object.entries(map ?? {})) out.push(new SetItemError(method, op, id, err));
  };
  add('create', response.notCreated);
  add('update', response.notUpdated);
  add('destroy', response.notDestroyed);
  return out;
}
