/** The part of http_ece (web-push's own RFC 8188 implementation) the push tests use to decrypt. */
declare module 'http_ece' {
  import type { ECDH } from 'node:crypto';
  export function decrypt(buffer: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; dh: Buffer; authSecret: Buffer }): Buffer;
}
