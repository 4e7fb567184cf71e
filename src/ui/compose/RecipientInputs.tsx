import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { formatAddress } from './addresses.ts';
import type { RecipientFields, RecipientKind } from './recipients.ts';

const LABELS: Record<RecipientKind, string> = { to: 'To', cc: 'Cc', bcc: 'Bcc' };

/** To, Cc and Bcc, with the addresses seen in the mirror as suggestions. */
export function RecipientInputs({
  fields,
  onEdit,
  autoFocus,
}: {
  fields: RecipientFields;
  onEdit: (kind: RecipientKind, text: string) => void;
  autoFocus: boolean;
}) {
  const suggestions = useLiveQuery(async () => {
    const seen = new Map<string, string>();
    const rows = await mailDb().emails.limit(3000).toArray();
    // The names come from other people's mail: quoted like any address written as text,
    // so picking "attacker@evil.test; Support" <x@y> adds one recipient, x@y.
    for (const e of rows)
      for (const a of [...(e.from ?? []), ...(e.to ?? []), ...(e.cc ?? [])])
        if (a.email && !seen.has(a.email)) seen.set(a.email, formatAddress({ name: a.name ?? null, email: a.email }));
    return [...seen.values()].slice(0, 500);
  }, []);
  return (
    <>
      <datalist id="address-suggestions">
        {suggestions?.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      {(['to', 'cc', 'bcc'] as const).map((kind) => (
        <label key={kind}>
          {LABELS[kind]}
          <input
            list="address-suggestions"
            value={fields[kind].text}
            onChange={(e) => onEdit(kind, e.target.value)}
            autoFocus={kind === 'to' && autoFocus}
          />
        </label>
      ))}
    </>
  );
}
