/**
 * URI Template expansion (RFC 6570) for the session's downloadUrl, uploadUrl and
 * eventSourceUrl. RFC 8620 only promises level 1 (`{name}`); the form-style query
 * operators (`{?a,b}`, `{&a}`) are also understood because a server may use them.
 */

/** RFC 6570 §1.5: everything but unreserved characters is percent-encoded. */
export function pctEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export type TemplateVars = Record<string, string | number | undefined>;

const EXPRESSION = /\{([?&]?)([^{}]*)\}/g;

/** Expands `template`; variables that are missing or undefined expand to nothing (RFC 6570 §2.3). */
export function expandTemplate(template: string, vars: TemplateVars): string {
  return template.replace(EXPRESSION, (_match, op: string, list: string) => {
    const names = list
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean);
    const defined = names.flatMap((name) => {
      const v = vars[name];
      return v === undefined ? [] : [[name, pctEncode(String(v))] as const];
    });
    if (op === '') return defined.map(([, v]) => v).join(',');
    if (defined.length === 0) return '';
    return op + defined.map(([n, v]) => `${n}=${v}`).join('&');
  });
}

/** The variable names a template uses, e.g. ["accountId", "blobId", "name", "type"]. */
export function templateVariables(template: string): string[] {
  const out: string[] = [];
  for (const m of template.matchAll(EXPRESSION)) {
    for (const n of (m[2] ?? '').split(',')) if (n.trim()) out.push(n.trim());
  }
  return out;
}
