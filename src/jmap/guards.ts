/**
 * Small hand-written runtime checks for what servers send (no schema library is
 * installed). Each check throws a ProtocolError naming the path and what was found, so a
 * malformed answer fails at the boundary instead of as a TypeError deep in the caller.
 */
import { ProtocolError } from './errors.ts';

export type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return v.length > 40 ? `a string "${v.slice(0, 40)}…"` : `the string "${v}"`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/** A position in a server answer, for messages: `Email/get response: list[2].id`. */
export class At {
  constructor(
    readonly where: string,
    readonly url?: string,
  ) {}

  fail(path: string, expected: string, got: unknown): never {
    throw new ProtocolError(`${this.where}: ${path ? `"${path}"` : 'the answer'} should be ${expected} but is ${describe(got)}`, this.url);
  }

  object(v: unknown, path = ''): Obj {
    if (!isObject(v)) this.fail(path, 'an object', v);
    return v;
  }

  string(o: Obj, key: string, path = key): string {
    const v = o[key];
    if (typeof v !== 'string') this.fail(path, 'a string', v);
    return v;
  }

  optString(o: Obj, key: string, path = key): string | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') this.fail(path, 'a string', v);
    return v;
  }

  boolean(o: Obj, key: string, path = key): boolean {
    const v = o[key];
    if (typeof v !== 'boolean') this.fail(path, 'true or false', v);
    return v;
  }

  number(o: Obj, key: string, path = key): number {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, 'a number', v);
    return v;
  }

  optNumber(o: Obj, key: string, path = key): number | undefined {
    const v = o[key];
    if (v === undefined || v === null) return undefined;
    return this.number(o, key, path);
  }

  array(o: Obj, key: string, path = key): unknown[] {
    const v = o[key];
    if (!Array.isArray(v)) this.fail(path, 'a list', v);
    return v;
  }

  stringArray(o: Obj, key: string, path = key): string[] {
    const arr = this.array(o, key, path);
    arr.forEach((s, i) => {
      if (typeof s !== 'string') this.fail(`${path}[${i}]`, 'a string', s);
    });
    return arr as string[];
  }

  /** A list that servers sometimes send as null (or leave out) when empty: normalised to []. */
  lenientStringArray(o: Obj, key: string, path = key): string[] {
    if (o[key] === null || o[key] === undefined) {
      o[key] = [];
      return [];
    }
    return this.stringArray(o, key, path);
  }

  /** A map that may be null or absent (RFC 8620 allows null for empty /set maps). */
  optMap(o: Obj, key: string, path = key): Obj | null {
    const v = o[key];
    if (v === undefined || v === null) return null;
    if (!isObject(v)) this.fail(path, 'an object or null', v);
    return v;
  }
}
