import type { IncomingMessage } from 'node:http';
import type { Profile } from '../profiles.ts';
import type { Db } from '../data/db.ts';
import { checkPassword, userByToken, type User } from '../data/users.ts';
import { problem } from './respond.ts';

/**
 * Basic (username:password) and Bearer (the user's token) authentication. A failure is a
 * 401 with WWW-Authenticate naming the schemes this profile accepts, and a readable detail.
 */
export function authenticate(req: IncomingMessage, db: Db, profile: Profile): User {
  const challenge = [
    profile.auth.basic ? 'Basic realm="JMAP demo", charset="UTF-8"' : null,
    profile.auth.bearer ? 'Bearer realm="JMAP demo"' : null,
  ]
    .filter(Boolean)
    .join(', ');
  const fail = (detail: string) => problem(401, detail, 'about:blank', { 'WWW-Authenticate': challenge });
  const header = req.headers.authorization;
  if (!header) throw fail('Sign in: this server needs an Authorization header');
  const space = header.indexOf(' ');
  const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
  const value = space < 0 ? '' : header.slice(space + 1).trim();
  if (scheme === 'basic') {
    if (!profile.auth.basic) throw fail('This server only takes Bearer tokens, not a username and password');
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw fail('The Basic credentials are malformed (expected username:password)');
    const user = checkPassword(db, decoded.slice(0, colon), decoded.slice(colon + 1));
    if (!user) throw fail('Wrong username or password');
    return user;
  }
  if (scheme === 'bearer') {
    if (!profile.auth.bearer) throw fail('This server does not take Bearer tokens');
    const user = userByToken(db, value);
    if (!user) throw fail('The access token is not valid');
    return user;
  }
  throw fail(`The ${scheme} authentication scheme is not supported`);
}
