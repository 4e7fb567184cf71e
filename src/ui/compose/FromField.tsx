import type { Identity } from '../../jmap/index.ts';
import type { DraftRowContent } from './draft.ts';
import type { useFrom } from './useFrom.ts';

/** An identity as From shows it: "Name <address>", or what the server calls it when it gives no address. */
function identityOption(identity: Identity, username: string): string {
  if (!identity.email) return `${identity.name || username} (no address from the server)`;
  return identity.name ? `${identity.name} <${identity.email}>` : identity.email;
}

/** From: a choice of the account's identities, or the address as typed when they were never fetched. */
export function FromField({
  row,
  setRow,
  choice,
  username,
  touch,
}: {
  row: DraftRowContent;
  setRow: (row: DraftRowContent) => void;
  choice: ReturnType<typeof useFrom>;
  username: string;
  touch: () => void;
}) {
  return (
    <>
      {choice.identities.length > 0 ? (
        <label>
          From
          <select value={choice.identityId ?? ''} onChange={(e) => (choice.choose(e.target.value), touch())}>
            {choice.identities.map((i) => (
              <option key={i.id} value={i.id}>
                {identityOption(i, username)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        // The identities were never fetched (offline since sign-in): the address as typed.
        <label>
          From
          <input
            value={row.content.from.email}
            onChange={(e) => (
              setRow({ ...row, content: { ...row.content, from: { ...row.content.from, email: e.target.value } } }),
              touch()
            )}
          />
        </label>
      )}
      {(choice.from?.source === 'ask' || choice.from?.source === 'given') && (
        <label>
          Your address
          <input type="email" required value={row.content.from.email} onChange={(e) => (choice.give(e.target.value), touch())} />
        </label>
      )}
      {choice.words && <p className="muted">{choice.words}</p>}
    </>
  );
}
