/**
 * Issue 14: after its save lands a draft shows once: in the Drafts folder once the mirror
 * holds a copy (by id, or by the composition's Message-ID when the device does not know
 * the copy's id, as after an undone send), else under "Drafts on this device". One sent or
 * discarded on another device goes from this one too, unless it was changed here since.
 */
import { expect, it } from 'vitest';
import type { DraftRow } from '../../store/index.ts';
import { whichKeptDrafts } from './keptDrafts.ts';

const row = (id: string, more: Partial<DraftRow> = {}, draftMessageId = `${id}@x`): DraftRow =>
  ({ id, accountId: 'A', updatedAt: 10, content: { draftMessageId }, ...more }) as DraftRow;

it('lists a draft not on the server yet, and not one whose copy the Drafts folder shows', () => {
  const onlyHere = row('d1');
  const landed = row('d2', { serverId: 'M2', landedAt: 10 });
  const byMessageId = row('d3');
  const got = whichKeptDrafts([onlyHere, landed, byMessageId], new Set(['M2', 'd3@x']));
  expect(got.list.map((r) => r.id)).toEqual(['d1']);
  expect(got.seen).toEqual(['d2', 'd3']);
  expect(got.gone).toEqual([]);
});

it('a landed draft whose copy has not reached the mirror yet stays listed', () => {
  const got = whichKeptDrafts([row('d1', { serverId: 'M1', landedAt: 10 })], new Set());
  expect(got.list.map((r) => r.id)).toEqual(['d1']);
  expect(got.gone).toEqual([]);
});

it('one seen on the server and gone from it, unchanged here, goes; changed here, it stays', () => {
  const sentElsewhere = row('d1', { serverId: 'M1', landedAt: 10, seenOnServer: true });
  const editedHere = row('d2', { serverId: 'M2', landedAt: 10, updatedAt: 11, seenOnServer: true });
  const got = whichKeptDrafts([sentElsewhere, editedHere], new Set());
  expect(got.gone).toEqual(['d1']);
  expect(got.list.map((r) => r.id)).toEqual(['d2']);
});
