import { SetFailure, invalidProperties } from '../errors.ts';
import { typeState } from '../data/changes.ts';
import { newId } from '../data/emails.ts';
import { deleteRecord, getRecord, listRecords, putRecord } from '../data/records.ts';
import { getVacation, putVacation } from '../data/vacation.ts';
import type { Identity, JsonObject } from '../wire.ts';
import { accountOf, changesFrame, getFrame, setFrame } from './common.ts';
import type { Handler } from './context.ts';

const IDENTITY_PROPERTIES = ['id', 'name', 'email', 'replyTo', 'bcc', 'textSignature', 'htmlSignature', 'mayDelete'];

function addressList(v: unknown, prop: string): Identity['replyTo'] {
  if (v === null) return null;
  if (!Array.isArray(v) || !v.every((a) => typeof a === 'object' && a !== null && typeof (a as { email?: unknown }).email === 'string')) {
    throw invalidProperties(`${prop} must be a list of addresses or null`, [prop]);
  }
  return (v as { name?: string | null; email: string }[]).map((a) => ({ name: a.name ?? null, email: a.email }));
}

function applyIdentity(target: Identity, obj: JsonObject, creating: boolean): void {
  for (const [k, v] of Object.entries(obj)) {
    switch (k) {
      case 'name':
      case 'textSignature':
      case 'htmlSignature':
        if (typeof v !== 'string') throw invalidProperties(`${k} must be a string`, [k]);
        target[k] = v;
        break;
      case 'email':
        if (!creating) throw invalidProperties('The email of an identity cannot change', ['email']);
        if (typeof v !== 'string') throw invalidProperties('email must be a string', ['email']);
        target.email = v;
        break;
      case 'replyTo':
      case 'bcc':
        target[k] = addressList(v, k);
        break;
      case 'id':
      case 'mayDelete':
        throw invalidProperties(`${k} is set by the server`, [k]);
      default:
        throw invalidProperties(`Unknown Identity property ${k}`, [k]);
    }
  }
}

/** The identity every account starts with. */
export function defaultIdentity(id: string, name: string, email: string): Identity {
  return { id, name, email, replyTo: null, bcc: null, textSignature: '', htmlSignature: '', mayDelete: false };
}

const identityGet: Handler = (args, ctx) => {
  const accountId = accountOf(args, ctx);
  return getFrame(args, ctx, {
    accountId,
    state: typeState(ctx.db, accountId, 'Identity'),
    properties: IDENTITY_PROPERTIES,
    all: () => listRecords<Identity>(ctx.db, 'Identity', accountId),
    byId: (id) => getRecord<Identity>(ctx.db, 'Identity', accountId, id),
  });
};

const identitySet: Handler = (args, ctx) => {
  const accountId = accountOf(args, ctx);
  return setFrame(args, ctx, 'Identity', accountId, {
    create: async (_cid, obj) => {
      const ident = defaultIdentity('', '', '');
      ident.mayDelete = true;
      applyIdentity(ident, obj, true);
      // Like Stalwart: an identity may only use the account's own address.
      if (ident.email.toLowerCase() !== ctx.user.email.toLowerCase()) {
        throw new SetFailure('forbiddenFrom', `${ctx.user.username} may only send as ${ctx.user.email}`);
      }
      ident.id = ctx.write(accountId, (rec) => {
        const id = newId(ctx.db, 'I');
        putRecord(ctx.db, rec, 'Identity', accountId, { ...ident, id }, true);
        return id;
      });
      return { id: ident.id, result: { mayDelete: true } };
    },
    update: async (id, patch) => {
      const ident = getRecord<Identity>(ctx.db, 'Identity', accountId, id);
      if (!ident) throw new SetFailure('notFound', `No identity ${id}`);
      applyIdentity(ident, patch, false);
      ctx.write(accountId, (rec) => putRecord(ctx.db, rec, 'Identity', accountId, ident, false));
      return null;
    },
    destroy: async (id) => {
      const ident = getRecord<Identity>(ctx.db, 'Identity', accountId, id);
      if (!ident) throw new SetFailure('notFound', `No identity ${id}`);
      if (!ident.mayDelete) throw new SetFailure('forbidden', "The account's main identity cannot be deleted");
      ctx.write(accountId, (rec) => deleteRecord(ctx.db, rec, 'Identity', accountId, id));
    },
  });
};

const VACATION_PROPS = ['id', 'isEnabled', 'fromDate', 'toDate', 'subject', 'textBody', 'htmlBody'];

const vacationGet: Handler = (args, ctx) => {
  const accountId = accountOf(args, ctx);
  return getFrame(args, ctx, {
    accountId,
    state: typeState(ctx.db, accountId, 'VacationResponse'),
    properties: VACATION_PROPS,
    all: () => [getVacation(ctx.db, accountId)],
    byId: (id) => (id === 'singleton' ? getVacation(ctx.db, accountId) : undefined),
  });
};

const vacationSet: Handler = (args, ctx) => {
  const accountId = accountOf(args, ctx);
  return setFrame(args, ctx, 'VacationResponse', accountId, {
    create: async () => {
      throw new SetFailure('singleton', 'VacationResponse is a singleton; update "singleton" instead');
    },
    destroy: async () => {
      throw new SetFailure('singleton', 'VacationResponse is a singleton and cannot be destroyed');
    },
    update: async (id, patch) => {
      if (id !== 'singleton') throw new SetFailure('notFound', 'The only VacationResponse is "singleton"');
      const v = getVacation(ctx.db, accountId);
      for (const [k, val] of Object.entries(patch)) {
        if (k === 'isEnabled') {
          if (typeof val !== 'boolean') throw invalidProperties('isEnabled must be true or false', [k]);
          v.isEnabled = val;
        } else if (k === 'fromDate' || k === 'toDate') {
          if (val !== null && (typeof val !== 'string' || Number.isNaN(Date.parse(val))))
            throw invalidProperties(`${k} must be a UTCDate or null`, [k]);
          v[k] = val;
        } else if (k === 'subject' || k === 'textBody' || k === 'htmlBody') {
          if (val !== null && typeof val !== 'string') throw invalidProperties(`${k} must be a string or null`, [k]);
          v[k] = val;
        } else throw invalidProperties(`Unknown or server-set VacationResponse property ${k}`, [k]);
      }
      ctx.write(accountId, (rec) => {
        putVacation(ctx.db, accountId, v);
        rec.record('VacationResponse', 'singleton', 'updated');
      });
      return null;
    },
  });
};

export const identityMethods: Record<string, Handler> = {
  'Identity/get': identityGet,
  'Identity/set': identitySet,
  'Identity/changes': (args, ctx) => changesFrame(args, ctx, 'Identity'),
  'VacationResponse/get': vacationGet,
  'VacationResponse/set': vacationSet,
};
