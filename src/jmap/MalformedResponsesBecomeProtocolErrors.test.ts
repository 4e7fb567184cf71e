import { describe, expect, it } from 'vitest';
import { ProtocolError } from './errors.ts';
import { checkMethodResponse, checkResponseBody, checkUploadResponse } from './response-guards.ts';

const thrown = (fn: () => unknown): ProtocolError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProtocolError) return err;
    throw new Error(`expected a ProtocolError, got ${String(err)}`, { cause: err });
  }
  throw new Error('expected a ProtocolError, nothing was thrown');
};

describe('the request envelope', () => {
  it('accepts a well-formed response', () => {
    const body = { methodResponses: [['Core/echo', { a: 1 }, 'c0']], sessionState: 's1' };
    expect(checkResponseBody(body)).toBe(body);
  });

  it('names what is wrong', () => {
    expect(thrown(() => checkResponseBody([])).detail).toBe('JMAP response: the answer should be an object but is an array');
    expect(thrown(() => checkResponseBody({ sessionState: 's' })).detail).toContain('"methodResponses" should be a list but is undefined');
    expect(thrown(() => checkResponseBody({ methodResponses: [['Email/get', {}]], sessionState: 's' })).detail).toContain(
      '"methodResponses[0]" should be a [name, arguments, callId] triple',
    );
    expect(thrown(() => checkResponseBody({ methodResponses: [['Email/get', null, 'c0']], sessionState: 's' })).detail).toContain(
      '"methodResponses[0][1]" should be an arguments object but is null',
    );
    expect(thrown(() => checkResponseBody({ methodResponses: [], sessionState: 3 })).detail).toContain('"sessionState" should be a string');
  });
});

describe('method responses', () => {
  it('checks /get lists and ids, normalising a null notFound to []', () => {
    const ok = { accountId: 'a', state: '1', list: [{ id: 'M1' }], notFound: null as unknown };
    checkMethodResponse('Email/get', ok);
    expect(ok.notFound).toEqual([]);
    expect(thrown(() => checkMethodResponse('Email/get', { accountId: 'a', state: '1', list: [{ id: 5 }], notFound: [] })).detail).toBe(
      'Email/get response: "list[0].id" should be a string but is number 5',
    );
    expect(thrown(() => checkMethodResponse('Mailbox/get', { accountId: 'a', list: [], notFound: [] })).detail).toContain('"state"');
  });

  it('checks /changes, /query, /queryChanges essentials', () => {
    expect(() =>
      checkMethodResponse('Email/changes', {
        accountId: 'a',
        oldState: '1',
        newState: '2',
        hasMoreChanges: false,
        created: [],
        updated: [],
        destroyed: [],
      }),
    ).not.toThrow();
    expect(
      thrown(() => checkMethodResponse('Email/changes', { accountId: 'a', oldState: '1', newState: '2', hasMoreChanges: 'no' })).detail,
    ).toContain('"hasMoreChanges" should be true or false');
    expect(
      thrown(() =>
        checkMethodResponse('Email/query', { accountId: 'a', queryState: 'q', canCalculateChanges: true, position: 0, ids: 'M1' }),
      ).detail,
    ).toContain('"ids" should be a list');
    expect(
      thrown(() =>
        checkMethodResponse('Email/queryChanges', {
          accountId: 'a',
          oldQueryState: 'q',
          newQueryState: 'r',
          removed: [],
          added: [{ id: 'M1' }],
        }),
      ).detail,
    ).toContain('"added[0].index" should be a number');
  });

  it('checks /set maps and SetErrors', () => {
    expect(() =>
      checkMethodResponse('Email/set', {
        accountId: 'a',
        oldState: '1',
        newState: '2',
        created: { k: { id: 'M1' } },
        updated: null,
        destroyed: null,
        notCreated: null,
      }),
    ).not.toThrow();
    expect(thrown(() => checkMethodResponse('Email/set', { accountId: 'a', newState: '2', created: { k: {} } })).detail).toContain(
      '"created.k.id"',
    );
    expect(
      thrown(() => checkMethodResponse('Email/set', { accountId: 'a', newState: '2', notUpdated: { M1: { description: 'x' } } })).detail,
    ).toContain('"notUpdated.M1.type" should be a string');
  });

  it('checks the special shapes of Email/import, Email/parse and SearchSnippet/get', () => {
    expect(() =>
      checkMethodResponse('Email/import', { accountId: 'a', newState: '2', created: { k: { id: 'M1' } }, notCreated: null }),
    ).not.toThrow();
    expect(() =>
      checkMethodResponse('SearchSnippet/get', { accountId: 'a', list: [{ emailId: 'M1', subject: null, preview: null }], notFound: null }),
    ).not.toThrow();
    expect(thrown(() => checkMethodResponse('SearchSnippet/get', { accountId: 'a', list: [{ id: 'M1' }] })).detail).toContain(
      'list[0].emailId',
    );
    expect(() => checkMethodResponse('Email/parse', { accountId: 'a', parsed: {}, notParsable: null, notFound: [] })).not.toThrow();
  });

  it('checks upload answers', () => {
    expect(checkUploadResponse({ accountId: 'a', blobId: 'B1', size: 3 }).type).toBe('');
    expect(thrown(() => checkUploadResponse({ accountId: 'a', size: 3 })).detail).toContain('"blobId"');
  });
});
