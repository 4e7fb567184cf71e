/** RFC 8620 §6.1: the answer to a binary upload. */
import type { Id } from './core.ts';

export interface UploadResponse {
  accountId: Id;
  blobId: Id;
  type: string;
  size: number;
}
