/**
 * The standard methods' arguments and responses (RFC 8620 §5), generic over the object
 * type. Per-type extras (RFC 8621) are added in method-map.ts.
 */
import type { Comparator, Id, PatchObject, SetError } from '../wire/core.ts';

/** RFC 8620 §5.1 /get. `ids: null` asks for all objects (only sane for small types). */
export interface GetArgs<T> {
  accountId: Id;
  ids?: Id[] | null;
  properties?: (keyof T & string)[] | string[] | null;
}
export interface GetResponse<T> {
  accountId: Id;
  state: string;
  list: T[];
  notFound: Id[];
}

/** RFC 8620 §5.2 /changes. Loop while hasMoreChanges. */
export interface ChangesArgs {
  accountId: Id;
  sinceState: string;
  maxChanges?: number | null;
}
export interface ChangesResponse {
  accountId: Id;
  oldState: string;
  newState: string;
  hasMoreChanges: boolean;
  created: Id[];
  updated: Id[];
  destroyed: Id[];
}

/** RFC 8620 §5.3 /set. Keys of `create` are creation ids, referenced elsewhere as "#key". */
export interface SetArgs<T, C = Partial<T>> {
  accountId: Id;
  ifInState?: string | null;
  create?: Record<Id, C> | null;
  update?: Record<Id, PatchObject> | null;
  destroy?: Id[] | null;
}
export interface SetResponse<T> {
  accountId: Id;
  oldState: string | null;
  newState: string;
  /** Creation id -> the server-set properties of the new object (always with id). */
  created: Record<Id, Partial<T> & { id: Id }> | null;
  updated: Record<Id, Partial<T> | null> | null;
  destroyed: Id[] | null;
  notCreated: Record<Id, SetError> | null;
  notUpdated: Record<Id, SetError> | null;
  notDestroyed: Record<Id, SetError> | null;
}

/** RFC 8620 §5.4 /copy between accounts. */
export interface CopyArgs<C> {
  fromAccountId: Id;
  ifFromInState?: string | null;
  accountId: Id;
  ifInState?: string | null;
  create: Record<Id, C & { id: Id }>;
  onSuccessDestroyOriginal?: boolean;
  destroyFromIfInState?: string | null;
}
export interface CopyResponse<T> {
  fromAccountId: Id;
  accountId: Id;
  oldState: string | null;
  newState: string;
  created: Record<Id, Partial<T> & { id: Id }> | null;
  notCreated: Record<Id, SetError> | null;
}

/** RFC 8620 §5.5 /query. */
export interface QueryArgs<F, S extends Comparator = Comparator> {
  accountId: Id;
  filter?: F | null;
  sort?: S[] | null;
  position?: number;
  anchor?: Id | null;
  anchorOffset?: number;
  limit?: number | null;
  calculateTotal?: boolean;
}
export interface QueryResponse {
  accountId: Id;
  queryState: string;
  canCalculateChanges: boolean;
  position: number;
  ids: Id[];
  total?: number;
  limit?: number;
}

/** RFC 8620 §5.6 /queryChanges: apply removed first, then insert added by index. */
export interface QueryChangesArgs<F, S extends Comparator = Comparator> {
  accountId: Id;
  filter?: F | null;
  sort?: S[] | null;
  sinceQueryState: string;
  maxChanges?: number | null;
  upToId?: Id | null;
  calculateTotal?: boolean;
}
export interface AddedItem {
  id: Id;
  index: number;
}
export interface QueryChangesResponse {
  accountId: Id;
  oldQueryState: string;
  newQueryState: string;
  total?: number;
  removed: Id[];
  added: AddedItem[];
}
