/** Credentials and the Authorization header they become (RFC 7617 Basic, RFC 6750 Bearer). */

export type Auth = { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Basic credentials are encoded as UTF-8 (RFC 7617 §2.1), so non-ASCII passwords work. */
export function authorizationHeader(auth: Auth): string {
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
  return `Basic ${base64(new TextEncoder().encode(`${auth.username}:${auth.password}`))}`;
}
