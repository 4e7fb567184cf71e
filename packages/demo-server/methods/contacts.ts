/**
 * JMAP for Contacts (RFC 9610), read-only and minimal: every account holds the same few
 * ContactCards (JSContact, RFC 9553), so a client's use of an address book can be tested
 * against a server that offers one (Cyrus 3.6 does not). ContactCard/get and
 * ContactCard/query (no filter, no sort, in the cards' order); no /set, no /changes.
 */
import { MethodError } from '../errors.ts';
import type { JsonObject } from '../wire.ts';
import { accountOf, getFrame, isObject, optInt } from './common.ts';
import type { Handler } from './context.ts';

interface Card {
  id: string;
  '@type': 'Card';
  version: '1.0';
  uid: string;
  addressBookIds: Record<string, true>;
  name: { full?: string; components?: { kind: string; value: string }[] };
  emails: Record<string, { address: string; pref?: number }>;
}

const card = (id: string, name: Card['name'], emails: Card['emails']): Card => ({
  id,
  '@type': 'Card',
  version: '1.0',
  uid: `urn:uuid:demo-card-${id}`,
  addressBookIds: { personal: true },
  name,
  emails,
});

/** The address book: a name written whole, one in components, one with two addresses. */
export const DEMO_CARDS: readonly Card[] = [
  card('c1', { full: 'Rosa Díaz' }, { e1: { address: 'rosa.diaz@example.org' } }),
  card(
    'c2',
    {
      components: [
        { kind: 'given', value: 'Kwame' },
        { kind: 'surname', value: 'Mensah' },
      ],
    },
    { work: { address: 'k.mensah@example.net', pref: 1 }, home: { address: 'kwame@example.com', pref: 2 } },
  ),
  card('c3', { full: 'Ingrid Løvaas' }, { e1: { address: 'ingrid@example.com' } }),
];

const PROPERTIES = ['id', '@type', 'version', 'uid', 'addressBookIds', 'name', 'emails'];
const STATE = 'cards-1';

const get: Handler = (args, ctx) => {
  const accountId = accountOf(args, ctx);
  return getFrame(args, ctx, {
    accountId,
    state: STATE,
    properties: PROPERTIES,
    all: () => [...DEMO_CARDS],
    byId: (id) => DEMO_CARDS.find((c) => c.id === id),
  });
};

const query: Handler = (args, ctx) => {
  const accountId = accountOf(args, ctx);
  if (isObject(args.filter) && Object.keys(args.filter).length)
    throw new MethodError('unsupportedFilter', 'This server does not filter cards');
  if (Array.isArray(args.sort) && args.sort.length) throw new MethodError('unsupportedSort', 'This server does not sort cards');
  const position = optInt(args, 'position', 0, 0);
  const limit = optInt(args, 'limit', DEMO_CARDS.length, 0);
  const ids = DEMO_CARDS.map((c) => c.id);
  const out: JsonObject = {
    accountId,
    queryState: STATE,
    canCalculateChanges: false,
    position,
    ids: ids.slice(position, position + limit),
    total: ids.length,
  };
  return out;
};

export const contactMethods: Record<string, Handler> = { 'ContactCard/get': get, 'ContactCard/query': query };
