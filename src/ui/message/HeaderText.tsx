/**
 * Header values from mail (subject, names, addresses, file names) as React text —
 * never as HTML — cleaned by `displayText` of bidi tricks, control characters and
 * absurd lengths.
 */
import { displayText, senderDisplay, splitFileName } from '../../sanitize/index.ts';

export function Subject({ value }: { value: string | null | undefined }) {
  const text = displayText(value);
  return <span className="msg-subject">{text === '' ? '(no subject)' : text}</span>;
}

/**
 * A sender or recipient. A display name that reads as another address or domain
 * ("support@bank.example", "PayPal.com Support" <x@evil.example>) gets the real address
 * shown beside it; senderDisplay decides, the same function the conversation list uses.
 */
export function AddressText({ name, email }: { name?: string | null | undefined; email?: string | null | undefined }) {
  const shown = senderDisplay(name, email);
  if (shown.name === '') return <span className="msg-address">{shown.address}</span>;
  return (
    <span className="msg-address" title={shown.address}>
      <bdi className="msg-address-name">{shown.name}</bdi>
      {shown.showAddress ? <span className="msg-address-real"> ({shown.address})</span> : null}
    </span>
  );
}

/** An attachment's file name with its extension always visible. */
export function AttachmentName({ name }: { name: string | null | undefined }) {
  const { stem, extension } = splitFileName(name);
  if (stem === '' && extension === '') return <span className="msg-attachment-name">(unnamed attachment)</span>;
  return (
    <span className="msg-attachment-name" title={stem + extension}>
      <bdi className="msg-attachment-stem">{stem}</bdi>
      <span className="msg-attachment-ext">{extension}</span>
    </span>
  );
}
