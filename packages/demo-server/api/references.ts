import { MethodError, invalidArguments } from '../errors.ts';
import type { Invocation, Json, JsonObject } from '../wire.ts';

/**
 * Result references (RFC 8620 3.7): an argument "#name" holding { resultOf, name, path }
 * is replaced by "name" with the value the path points at in an earlier response.
 */
export function resolveReferences(args: JsonObject, responses: Invocation[]): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(args)) {
    if (!key.startsWith('#')) {
      out[key] = value;
      continue;
    }
    const name = key.slice(1);
    if (Object.prototype.hasOwnProperty.call(args, name)) {
      throw invalidArguments(`Both ${name} and #${name} are given`);
    }
    out[name] = evaluate(value, responses);
  }
  return out;
}

function refError(why: string): MethodError {
  return new MethodError('invalidResultReference', why);
}

function evaluate(ref: Json, responses: Invocation[]): Json {
  if (typeof ref !== 'object' || ref === null || Array.isArray(ref)) throw refError('A result reference must be an object');
  const { resultOf, name, path } = ref;
  if (typeof resultOf !== 'string' || typeof name !== 'string' || typeof path !== 'string') {
    throw refError('A result reference needs resultOf, name and path strings');
  }
  const sameId = responses.filter((r) => r[2] === resultOf);
  if (sameId.length === 0) throw refError(`No earlier method call has the id "${resultOf}"`);
  const target = sameId.find((r) => r[0] === name);
  if (!target) throw refError(`The response to "${resultOf}" is ${sameId.map((r) => r[0]).join(', ')}, not ${name}`);
  return pointer(target[1], path);
}

/** JSON Pointer (RFC 6901) with JMAP's "*": map over an array, flattening array results. */
export function pointer(value: Json, path: string): Json {
  if (path === '') return value;
  if (!path.startsWith('/')) throw refError(`The path "${path}" must start with "/"`);
  const tokens = path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  return walk(value, tokens, path);
}

function walk(value: Json, tokens: string[], path: string): Json {
  if (tokens.length === 0) return value;
  const [head, ...rest] = tokens as [string, ...string[]];
  if (Array.isArray(value)) {
    if (head === '*') {
      const out: Json[] = [];
      for (const item of value) {
        const v = walk(item, rest, path);
        if (Array.isArray(v)) out.push(...v);
        else out.push(v);
      }
      return out;
    }
    if (!/^(0|[1-9][0-9]*)$/.test(head) || Number(head) >= value.length) throw refError(`The path ${path} does not exist in the result`);
    return walk(value[Number(head)]!, rest, path);
  }
  if (typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, head)) {
    return walk(value[head]!, rest, path);
  }
  throw refError(`The path ${path} does not exist in the result`);
}
