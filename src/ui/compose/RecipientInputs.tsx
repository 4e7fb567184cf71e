import { useMemo, useState } from 'react';
import type { AccountRow } from '../../store/index.ts';
import { useContactCards } from './contactCards.ts';
import { withCards } from './contacts.ts';
import { RecipientField } from './RecipientField.tsx';
import { RECIPIENT_KINDS, type RecipientField as Field, type RecipientKind } from './recipients.ts';
import { useContacts } from './useContacts.ts';
import './recipients.css';

const LABELS: Record<RecipientKind, string> = { to: 'To', cc: 'Cc', bcc: 'Bcc' };

/** To, Cc and Bcc as chips, with suggestions from this account's mail and address book (read once the person is in one of them). */
export function RecipientInputs({
  account,
  fields,
  onChange,
  autoFocus,
}: {
  account: AccountRow;
  fields: Record<RecipientKind, Field>;
  onChange: (kind: RecipientKind, update: (f: Field) => Field) => void;
  autoFocus: boolean;
}) {
  const [visits, setVisits] = useState(0);
  const mailed = useContacts(account, visits);
  const cards = useContactCards(account.id, visits > 0);
  const contacts = useMemo(() => withCards(mailed, cards), [mailed, cards]);
  return (
    <>
      {RECIPIENT_KINDS.map((kind) => (
        <RecipientField
          key={kind}
          label={LABELS[kind]}
          field={fields[kind]}
          onChange={(update) => onChange(kind, update)}
          contacts={contacts}
          onWant={() => setVisits((n) => n + 1)}
          autoFocus={kind === 'to' && autoFocus}
        />
      ))}
    </>
  );
}
