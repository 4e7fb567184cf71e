import { expect, it } from 'vitest';
import { inReplyTo, MAX_REFERENCES, referencesFor, type ReplyOriginal } from './reply.ts';

const parent = (references: string[] | null, messageId = ['p@x.test']): ReplyOriginal => ({
  from: [{ name: 'Ann', email: 'ann@example.test' }],
  to: null,
  cc: null,
  subject: 'Plans',
  messageId,
  sentAt: null,
  receivedMs: 0,
  references,
});

it('In-Reply-To is the parent’s Message-ID; References are the parent’s References, then its Message-ID', () => {
  const original = parent(['a@x.test', 'b@x.test']);
  expect(inReplyTo(original)).toEqual(['p@x.test']);
  expect(referencesFor(original)).toEqual(['a@x.test', 'b@x.test', 'p@x.test']);
});

it('a parent without References starts the chain with its Message-ID', () => {
  expect(referencesFor(parent(null))).toEqual(['p@x.test']);
  expect(referencesFor(parent(null, []))).toEqual([]);
});

it('an id already in the chain is not repeated', () => {
  expect(referencesFor(parent(['a@x.test', 'p@x.test']))).toEqual(['a@x.test', 'p@x.test']);
});

it('a very long chain keeps the thread’s first id and the newest ones', () => {
  const long = Array.from({ length: 60 }, (_, i) => `m${i}@x.test`);
  const refs = referencesFor(parent(long));
  expect(refs).toHaveLength(MAX_REFERENCES);
  expect(refs[0]).toBe('m0@x.test');
  expect(refs.at(-1)).toBe('p@x.test');
  expect(refs.at(-2)).toBe('m59@x.test');
  expect(refs[1]).toBe(`m${60 - (MAX_REFERENCES - 2)}@x.test`);
});
