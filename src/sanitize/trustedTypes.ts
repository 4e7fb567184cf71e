/**
 * DOMPurify's Trusted Types policy, one per page. The page's CSP (packages/app-origin/
 * pagePolicy.ts) allows the name `dompurify` once; DOMPurify would create it again in
 * every instance (sanitizeEmailHtml makes a fresh instance per call), and the second
 * creation is refused. So every DOMPurify call in the app passes this one policy as
 * TRUSTED_TYPES_POLICY.
 *
 * Invariant: only DOMPurify calls it. DOMPurify uses it to parse untrusted markup into an
 * inert document (nothing in it runs or loads) before it cleans it; the app never puts
 * its output into a sink by this policy (the message frame has its own, see
 * src/ui/trustedTypes.ts).
 */

import type { Config } from 'dompurify';

type Policy = NonNullable<Config['TRUSTED_TYPES_POLICY']>;
interface Rules {
  createHTML(input: string): string;
  createScriptURL(input: string): string;
}

let policy: Policy | null | undefined;

/** The shared policy; null where the browser has no Trusted Types (and in node). */
export function purifyPolicy(): Policy | null {
  if (policy !== undefined) return policy;
  const factory = (globalThis as { trustedTypes?: { createPolicy(name: string, rules: Rules): unknown } }).trustedTypes;
  // DOMPurify type-checks the hooks and calls them; the values it gets back are TrustedHTML.
  policy = factory ? (factory.createPolicy('dompurify', { createHTML: (s) => s, createScriptURL: (s) => s }) as Policy) : null;
  return policy;
}

/** DOMPurify config fields that make a call use the shared policy (none without Trusted Types). */
export function purifyTrustedTypes(): { TRUSTED_TYPES_POLICY?: Policy } {
  const p = purifyPolicy();
  return p ? { TRUSTED_TYPES_POLICY: p } : {};
}
