/**
 * Several accounts: a conversation opened from outside the shown account (a notification
 * of another account, a line of All inboxes) shows that account first, then opens there;
 * the address keeps the parameters until the account they name reads them.
 */
import { expect, it } from 'vitest';
import { launchedThread, openInAccount } from './launchThread.ts';

/** A Location and History pair that only keep an address. */
function address(start: string) {
  let url = new URL(start, 'https://mail.example');
  const location = {
    get search() {
      return url.search;
    },
    get pathname() {
      return url.pathname;
    },
    get hash() {
      return url.hash;
    },
  } as Location;
  const history = {
    state: null,
    replaceState: (_s: unknown, _t: string, next: string) => (url = new URL(next, url)),
  } as unknown as History;
  return { location, history, href: () => url.pathname + url.search };
}

it('a conversation of another account shows that account, then opens there, once', () => {
  const a = address('/?draft=d1');
  openInAccount('B', 't9', a.location, a.history);
  expect(a.href()).toBe('/?draft=d1&thread=t9&account=B');
  // The shown account (A) does not open it: B is chosen, the address kept for B's shell.
  expect(launchedThread('A', a.location, a.history)).toBeNull();
  expect(a.href()).toBe('/?draft=d1&thread=t9&account=B');
  // B's shell opens it and the address loses both, so a reload does not open it again.
  expect(launchedThread('B', a.location, a.history)).toBe('t9');
  expect(a.href()).toBe('/?draft=d1');
  expect(launchedThread('B', a.location, a.history)).toBeNull();
});

it('an address that names no account opens in the shown one', () => {
  const a = address('/?thread=t1');
  expect(launchedThread('A', a.location, a.history)).toBe('t1');
  expect(a.href()).toBe('/');
});
