import type { Profile } from '../profiles.ts';
import { CAPABILITY } from '../wire.ts';
import type { Handler } from './context.ts';
import { contactMethods } from './contacts.ts';
import { emailQueryMethods } from './email-query.ts';
import { emailReadMethods } from './email-read.ts';
import { emailWriteMethods } from './email-write.ts';
import { identityMethods } from './identity.ts';
import { mailboxMethods } from './mailbox.ts';
import { pushSubscriptionMethods } from './push-subscription.ts';
import { submissionMethods } from './submission.ts';

/** Every method this server answers, with the capability a request must be `using` to call it. */
const ALL: Record<string, Handler> = {
  'Core/echo': (args) => args,
  ...mailboxMethods,
  ...emailReadMethods,
  ...emailQueryMethods,
  ...emailWriteMethods,
  ...identityMethods,
  ...submissionMethods,
  ...pushSubscriptionMethods,
  ...contactMethods,
};

export function capabilityOf(method: string): string {
  const type = method.split('/')[0];
  switch (type) {
    case 'Core':
    case 'PushSubscription':
      return CAPABILITY.core;
    case 'Identity':
    case 'EmailSubmission':
      return CAPABILITY.submission;
    case 'VacationResponse':
      return CAPABILITY.vacation;
    case 'ContactCard':
      return CAPABILITY.contacts;
    default:
      return CAPABILITY.mail;
  }
}

export function findMethod(profile: Profile, name: string): Handler | undefined {
  if (profile.missingMethods.includes(name)) return undefined;
  if (name.startsWith('PushSubscription/') && !profile.webPush) return undefined;
  if (name.startsWith('ContactCard/') && !profile.contacts) return undefined;
  return Object.prototype.hasOwnProperty.call(ALL, name) ? ALL[name] : undefined;
}
