import { createHash } from 'node:crypto';
import { MAX_DELAYED_SEND_SECONDS } from '../methods/submission.ts';
import type { Profile } from '../profiles.ts';
import type { User } from '../data/users.ts';
import { CAPABILITY, type JsonObject } from '../wire.ts';

export const PATHS = {
  api: '/jmap/api/',
  upload: '/jmap/upload/',
  download: '/jmap/download/',
  eventSource: '/jmap/eventsource/',
} as const;

/** The session resource (RFC 8620 2). Its state changes only when what it describes does. */
export function buildSession(user: User, profile: Profile, origin: string, vapidPublicKey: string | null): JsonObject {
  const base = profile.absoluteUrls ? origin : '';
  const l = profile.limits;
  const closeAfter = profile.push.closeAfterParam;
  const session: JsonObject = {
    capabilities: {
      [CAPABILITY.core]: {
        maxSizeUpload: l.maxSizeUpload,
        maxConcurrentUpload: l.maxConcurrentUpload,
        maxSizeRequest: l.maxSizeRequest,
        maxConcurrentRequests: l.maxConcurrentRequests,
        maxCallsInRequest: l.maxCallsInRequest,
        maxObjectsInGet: l.maxObjectsInGet,
        maxObjectsInSet: l.maxObjectsInSet,
        collationAlgorithms: ['i;ascii-numeric', 'i;ascii-casemap', 'i;unicode-casemap'],
      },
      [CAPABILITY.mail]: {},
      [CAPABILITY.submission]: {},
      [CAPABILITY.vacation]: {},
      ...(profile.contacts ? { [CAPABILITY.contacts]: {} } : {}),
      // RFC 9749: a server-level capability, the key a browser subscribes with.
      ...(vapidPublicKey ? { [CAPABILITY.webPushVapid]: { applicationServerKey: vapidPublicKey } } : {}),
    },
    accounts: {
      [user.accountId]: {
        name: user.email,
        isPersonal: true,
        isReadOnly: false,
        accountCapabilities: {
          [CAPABILITY.mail]: {
            maxMailboxesPerEmail: profile.singleMailboxOnCreate ? 1 : null,
            maxMailboxDepth: null,
            maxSizeMailboxName: 490,
            maxSizeAttachmentsPerEmail: 50 * 1024 * 1024,
            emailQuerySortOptions: [
              'receivedAt',
              'sentAt',
              'size',
              'from',
              'to',
              'subject',
              'hasKeyword',
              'allInThreadHaveKeyword',
              'someInThreadHaveKeyword',
            ],
            mayCreateTopLevelMailbox: true,
          },
          // Held sending (methods/submission.ts); RFC 4865's second argument, the latest
          // date, is left out: it would change the session state every second.
          [CAPABILITY.submission]: {
            maxDelayedSend: MAX_DELAYED_SEND_SECONDS,
            submissionExtensions: { FUTURERELEASE: [String(MAX_DELAYED_SEND_SECONDS)] },
          },
          [CAPABILITY.vacation]: {},
          // RFC 9610 §2: the account's address book limits.
          ...(profile.contacts ? { [CAPABILITY.contacts]: { maxAddressBooksPerCard: 1, mayCreateAddressBook: false } } : {}),
        },
      },
    },
    primaryAccounts: {
      [CAPABILITY.mail]: user.accountId,
      [CAPABILITY.submission]: user.accountId,
      [CAPABILITY.vacation]: user.accountId,
      ...(profile.contacts ? { [CAPABILITY.contacts]: user.accountId } : {}),
    },
    username: user.username,
    apiUrl: base + PATHS.api,
    downloadUrl: base + PATHS.download + '{accountId}/{blobId}/{name}?accept={type}',
    uploadUrl: base + PATHS.upload + '{accountId}/',
    eventSourceUrl: profile.push.template
      ? base + PATHS.eventSource + `?types={types}&${closeAfter}={closeafter}&ping={ping}`
      : base + PATHS.eventSource,
  };
  session.state = createHash('sha256').update(JSON.stringify(session)).digest('hex').slice(0, 16);
  return session;
}
