/**
 * Header values from mail (subject, names, addresses, file names) as React text —
 * never as HTML — cleaned by `displayText` of bidi tricks, control characters and
 * absurd lengths.
 */
import { displayText, splitFileName } from '../../sanitize/index.ts';

export function Subject({ value }: { value: string | null | undefined }) {
  const text = displayText(value);
  return <span className="msg-subject">{text === '' ? '(no subject)' : text}</span>;
}

/**
 * A sender or recipient. A display name that itself looks like an address different
 * from the real one ("support@bank.example" <x@evil.example>) gets the real address
 * shown beside it.
 */
export function AddressText({ name, email }: { name?: string | null | undefined; email?: string | null | undefined }) {
  const shownName = displayText(name, 200);
  const shownEmail = displayText(email, 320);
  if (shownName === '') return <span className="msg-address">{shownEmail}</span>;
  const nameLooksLikeAnotherAddress = shownName.includes('@') && shownName.toLowerCase() !== shownEmail.toLowerCase();
  return (
    <span className="msg-address" title={shownEmail}>
      <bdi className="msg-address-name">{shownName}</bdi>
      {nameLooksLikeAnotherAddress ? <span className="msg-address-real"> ({shownEmail})</span> : null}
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
