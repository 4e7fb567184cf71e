/**
 * A message's From, To, Cc, Date and Subject as a list of fields: what a printed message
 * carries above its body, and what an attached message (message/rfc822) shows above its
 * own. Every value is React text through HeaderText (displayText, senderDisplay).
 */
import type { EmailAddress } from '../../jmap/index.ts';
import { senderDisplay } from '../../sanitize/senderDisplay.ts';
import { AddressText, Subject } from '../message/HeaderText.tsx';
import { longDate } from '../threads/format.ts';

export interface HeaderValues {
  from?: readonly EmailAddress[] | null | undefined;
  to?: readonly EmailAddress[] | null | undefined;
  cc?: readonly EmailAddress[] | null | undefined;
  /** ms since the epoch, or null when the message says no date. */
  dateMs: number | null;
  subject?: string | null | undefined;
}

const withAddress = (a: EmailAddress) => {
  const shown = senderDisplay(a.name, a.email);
  return shown.name !== '' && !shown.showAddress && shown.address !== '';
};

function Addresses({ list }: { list: readonly EmailAddress[] }) {
  return (
    <>
      {list.map((a, i) => (
        <span key={i}>
          {i > 0 ? ', ' : null}
          <AddressText name={a.name} email={a.email} />
          {/* On paper there is no hover title: the address always shows. */}
          {withAddress(a) ? <span className="msg-address-real"> &lt;{senderDisplay(a.name, a.email).address}&gt;</span> : null}
        </span>
      ))}
    </>
  );
}

export function HeaderFields({ values, className }: { values: HeaderValues; className: string }) {
  const rows: [string, React.ReactNode][] = [];
  if (values.from?.length) rows.push(['From', <Addresses list={values.from} />]);
  if (values.to?.length) rows.push(['To', <Addresses list={values.to} />]);
  if (values.cc?.length) rows.push(['Cc', <Addresses list={values.cc} />]);
  if (values.dateMs !== null && Number.isFinite(values.dateMs)) rows.push(['Date', longDate(values.dateMs)]);
  rows.push(['Subject', <Subject value={values.subject} />]);
  return (
    <dl className={className}>
      {rows.map(([name, value]) => (
        <div key={name}>
          <dt>{name}:</dt> <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
