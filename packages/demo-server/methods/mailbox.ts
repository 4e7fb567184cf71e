import { MethodError, SetFailure, invalidArguments, invalidProperties } from '../errors.ts';
import { typeState } from '../data/changes.ts';
import { destroyEmail, emailIndex, updateEmail } from '../data/emails.ts';
import {
  deleteMailbox,
  getMailbox,
  insertMailbox,
  listMailboxes,
  mailboxCounts,
  toWire,
  updateMailbox,
  type MailboxRow,
} from '../data/mailboxes.ts';
import type { JsonObject } from '../wire.ts';
import { accountOf, changesFrame, getFrame, isObject, optBool, resolveId, setFrame } from './common.ts';
import type { Ctx, Handler } from './context.ts';
import { pageQuery, queryChangesFrame } from './paging.ts';

const PROPERTIES = [
  'id',
  'name',
  'parentId',
  'role',
  'sortOrder',
  'totalEmails',
  'unreadEmails',
  'totalThreads',
  'unreadThreads',
  'myRights',
  'isSubscribed',
];
const SERVER_SET = ['id', 'totalEmails', 'unreadEmails', 'totalThreads', 'unreadThreads', 'myRights'];
/** IANA "JMAP Mailbox Roles" registry. */
const ROLES = [
  'all',
  'archive',
  'drafts',
  'flagged',
  'important',
  'inbox',
  'junk',
  'sent',
  'subscribed',
  'trash',
  'scheduled',
  'snoozed',
  'memos',
];

const get: Handler = (args, ctx) => {
  const accountId = accountOf(args, ctx);
  const counts = mailboxCounts(ctx.db, accountId);
  const rows = listMailboxes(ctx.db, accountId);
  return getFrame(args, ctx, {
    accountId,
    state: typeState(ctx.db, accountId, 'Mailbox'),
    properties: PROPERTIES,
    all: () => rows.map((m) => toWire(m, counts.get(m.id))),
    byId: (id) => {
      const m = rows.find((r) => r.id === id);
      return m ? toWire(m, counts.get(m.id)) : undefined;
    },
  });
};

function validate(ctx: Ctx, accountId: string, m: MailboxRow): void {
  const all = listMailboxes(ctx.db, accountId).filter((x) => x.id !== m.id);
  if (typeof m.name !== 'string' || m.name.trim() === '' || m.name.length > 490) {
    throw invalidProperties('A mailbox name must be 1 to 490 characters', ['name']);
  }
  if (m.parentId !== null) {
    const parent = all.find((x) => x.id === m.parentId);
    if (!parent) throw invalidProperties(`The parent mailbox ${m.parentId} does not exist`, ['parentId']);
    // A mailbox cannot be moved below itself.
    let p: MailboxRow | undefined = parent;
    while (p) {
      if (p.parentId === m.id) throw invalidProperties('A mailbox cannot be moved inside itself', ['parentId']);
      const next: string | null = p.parentId;
      p = next ? all.find((x) => x.id === next) : undefined;
    }
  }
  if (all.some((x) => x.parentId === m.parentId && x.name.toLowerCase() === m.name.toLowerCase())) {
    throw invalidProperties(`A mailbox named "${m.name}" already exists there`, ['name']);
  }
  if (m.role !== null) {
    if (!ROLES.includes(m.role)) throw invalidProperties(`"${m.role}" is not a mailbox role`, ['role']);
    if (all.some((x) => x.role === m.role)) throw invalidProperties(`Another mailbox already has the role ${m.role}`, ['role']);
  }
  if (!Number.isInteger(m.sortOrder) || m.sortOrder < 0) throw invalidProperties('sortOrder must be an unsigned integer', ['sortOrder']);
}

function applyProps(ctx: Ctx, target: MailboxRow, obj: JsonObject): void {
  for (const [key, value] of Object.entries(obj)) {
    switch (key) {
      case 'name':
        if (typeof value !== 'string') throw invalidProperties('name must be a string', ['name']);
        target.name = value;
        break;
      case 'parentId':
        if (value !== null && typeof value !== 'string') throw invalidProperties('parentId must be an id or null', ['parentId']);
        target.parentId = value === null ? null : (resolveId(ctx, value) ?? `(unknown ${value})`);
        break;
      case 'role':
        if (value !== null && typeof value !== 'string') throw invalidProperties('role must be a string or null', ['role']);
        target.role = value;
        break;
      case 'sortOrder':
        if (typeof value !== 'number') throw invalidProperties('sortOrder must be a number', ['sortOrder']);
        target.sortOrder = value;
        break;
      case 'isSubscribed':
        if (typeof value !== 'boolean') throw invalidProperties('isSubscribed must be true or false', ['isSubscribed']);
        target.isSubscribed = value;
        break;
      default:
        if (SERVER_SET.includes(key)) throw invalidProperties(`${key} is set by the server`, [key]);
        throw invalidProperties(`Unknown Mailbox property ${key}`, [key]);
    }
  }
}

const set: Handler = async (args, ctx) => {
  const accountId = accountOf(args, ctx);
  const removeEmails = optBool(args, 'onDestroyRemoveEmails', false);
  return setFrame(args, ctx, 'Mailbox', accountId, {
    create: async (_cid, obj) => {
      const m: MailboxRow = { id: '', name: '', parentId: null, role: null, sortOrder: 0, isSubscribed: true };
      if (!('name' in obj)) throw invalidProperties('name is required', ['name']);
      applyProps(ctx, m, obj);
      validate(ctx, accountId, m);
      const row = ctx.write(accountId, (rec) => insertMailbox(ctx.db, rec, accountId, m));
      const wire = toWire(row, undefined);
      return {
        id: row.id,
        result: {
          totalEmails: 0,
          unreadEmails: 0,
          totalThreads: 0,
          unreadThreads: 0,
          myRights: wire.myRights as unknown as JsonObject,
          sortOrder: row.sortOrder,
          isSubscribed: row.isSubscribed,
        },
      };
    },
    update: async (id, patch) => {
      const before = getMailbox(ctx.db, accountId, id);
      if (!before) throw new SetFailure('notFound', `No mailbox ${id}`);
      const next = { ...before };
      applyProps(ctx, next, patch);
      if (before.role === 'inbox' && (next.role !== 'inbox' || next.parentId !== before.parentId)) {
        throw new SetFailure('forbidden', 'The Inbox keeps its role and place');
      }
      validate(ctx, accountId, next);
      ctx.write(accountId, (rec) => updateMailbox(ctx.db, rec, accountId, next));
      return null;
    },
    destroy: async (id) => {
      const m = getMailbox(ctx.db, accountId, id);
      if (!m) throw new SetFailure('notFound', `No mailbox ${id}`);
      if (m.role === 'inbox') throw new SetFailure('forbidden', 'The Inbox cannot be destroyed');
      if (listMailboxes(ctx.db, accountId).some((x) => x.parentId === id)) {
        throw new SetFailure('mailboxHasChild', `Mailbox "${m.name}" has child mailboxes; destroy or move them first`);
      }
      const inside = [...emailIndex(ctx.db, accountId).values()].filter((e) => e.mailboxIds[id]);
      if (inside.length > 0 && !removeEmails) {
        throw new SetFailure('mailboxHasEmail', `Mailbox "${m.name}" still holds ${inside.length} emails (use onDestroyRemoveEmails)`);
      }
      ctx.write(accountId, (rec) => {
        for (const e of inside) {
          const others = Object.keys(e.mailboxIds).filter((mb) => mb !== id);
          if (others.length === 0) destroyEmail(ctx.db, rec, accountId, e);
          else
            updateEmail(ctx.db, rec, accountId, e, {
              mailboxIds: Object.fromEntries(others.map((k) => [k, true as const])),
              keywords: e.keywords,
            });
        }
        deleteMailbox(ctx.db, rec, accountId, id);
      });
    },
  });
};

function queryIds(args: JsonObject, ctx: Ctx, accountId: string): string[] {
  const filter = args.filter ?? null;
  const sort = args.sort ?? null;
  const rows = listMailboxes(ctx.db, accountId);
  const matches = (m: MailboxRow, f: JsonObject): boolean => {
    if ('operator' in f) {
      const conds = f.conditions;
      if (!Array.isArray(conds)) throw new MethodError('unsupportedFilter', 'A FilterOperator needs conditions');
      const results = conds.map((c) => (isObject(c) ? matches(m, c) : false));
      if (f.operator === 'AND') return results.every(Boolean);
      if (f.operator === 'OR') return results.some(Boolean);
      if (f.operator === 'NOT') return !results.some(Boolean);
      throw new MethodError('unsupportedFilter', `Unknown operator ${String(f.operator)}`);
    }
    for (const [k, v] of Object.entries(f)) {
      if (k === 'parentId' && m.parentId !== v) return false;
      else if (k === 'name' && !(typeof v === 'string' && m.name.toLowerCase().includes(v.toLowerCase()))) return false;
      else if (k === 'role' && m.role !== v) return false;
      else if (k === 'hasAnyRole' && (m.role !== null) !== v) return false;
      else if (k === 'isSubscribed' && m.isSubscribed !== v) return false;
      else if (!['parentId', 'name', 'role', 'hasAnyRole', 'isSubscribed'].includes(k))
        throw new MethodError('unsupportedFilter', `Mailbox/query cannot filter by ${k}`);
    }
    return true;
  };
  if (filter !== null && !isObject(filter)) throw invalidArguments('filter must be an object');
  let list = filter ? rows.filter((m) => matches(m, filter)) : rows;
  const comparators: ((a: MailboxRow, b: MailboxRow) => number)[] = [];
  if (sort !== null) {
    if (!Array.isArray(sort)) throw invalidArguments('sort must be a list');
    for (const s of sort) {
      if (!isObject(s)) throw invalidArguments('each sort entry must be an object');
      const dir = s.isAscending === false ? -1 : 1;
      if (s.property === 'sortOrder') comparators.push((a, b) => dir * (a.sortOrder - b.sortOrder));
      else if (s.property === 'name') comparators.push((a, b) => dir * a.name.localeCompare(b.name));
      else throw new MethodError('unsupportedSort', `Mailbox/query cannot sort by ${String(s.property)}`);
    }
  }
  comparators.push((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
  list = [...list].sort((a, b) => {
    for (const c of comparators) {
      const r = c(a, b);
      if (r !== 0) return r;
    }
    return 0;
  });
  if (args.sortAsTree === true) {
    const byParent = new Map<string | null, MailboxRow[]>();
    for (const m of list) byParent.set(m.parentId, [...(byParent.get(m.parentId) ?? []), m]);
    const ids = new Set(list.map((m) => m.id));
    const out: MailboxRow[] = [];
    const visit = (parent: string | null): void => {
      for (const m of byParent.get(parent) ?? []) {
        out.push(m);
        visit(m.id);
      }
    };
    visit(null);
    // Mailboxes whose parent was filtered out start their own subtree.
    for (const m of list)
      if (m.parentId !== null && !ids.has(m.parentId)) {
        out.push(m);
        visit(m.id);
      }
    list = out;
  }
  return list.map((m) => m.id);
}

const query: Handler = (args, ctx) => {
  const accountId = accountOf(args, ctx);
  return pageQuery(args, ctx, accountId, 'Mailbox', queryIds(args, ctx, accountId), {
    canCalculateChanges: ctx.profile.queryChanges,
    calculateTotal: true,
  });
};

const queryChanges: Handler = (args, ctx) => {
  const accountId = accountOf(args, ctx);
  if (!ctx.profile.queryChanges) throw new MethodError('cannotCalculateChanges', 'This server does not calculate Mailbox query changes');
  return queryChangesFrame(args, ctx, accountId, 'Mailbox', queryIds(args, ctx, accountId));
};

export const mailboxMethods: Record<string, Handler> = {
  'Mailbox/get': get,
  'Mailbox/changes': (args, ctx) => changesFrame(args, ctx, 'Mailbox'),
  'Mailbox/set': set,
  'Mailbox/query': query,
  'Mailbox/queryChanges': queryChanges,
};
