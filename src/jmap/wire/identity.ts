/** RFC 8621 §6: Identity. */
import type { Id } from './core.ts';
import type { EmailAddress } from './email.ts';

export interface Identity {
  id: Id;
  name: string;
  /** Cyrus 3.6 sends "" here when usernames carry no domain. */
  email: string;
  replyTo: EmailAddress[] | null;
  bcc: EmailAddress[] | null;
  textSignature: string;
  htmlSignature: string;
  mayDelete: boolean;
}

export type IdentityCreate = Pick<Identity, 'email'> &
  Partial<Pick<Identity, 'name' | 'replyTo' | 'bcc' | 'textSignature' | 'htmlSignature'>>;
