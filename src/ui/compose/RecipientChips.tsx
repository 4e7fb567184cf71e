import type { KeyboardEvent } from 'react';
import { senderDisplay } from '../../sanitize/senderDisplay.ts';
import { isBad, type Chip } from './addresses.ts';

export const BAD_WORDS = 'not a valid address';

/** One chip's words: the name (the address too when the name could pass for another), else the address. */
function ChipWords({ chip }: { chip: Chip }) {
  if (isBad(chip))
    return (
      <>
        {chip.bad} <span className="chip-bad">{BAD_WORDS}</span>
      </>
    );
  const shown = senderDisplay(chip.name, chip.email);
  if (!shown.name) return <>{shown.address}</>;
  return (
    <>
      {shown.name}
      {shown.showAddress ? (
        <span className="chip-address"> &lt;{shown.address}&gt;</span>
      ) : (
        <span className="visually-hidden"> {shown.address}</span>
      )}
    </>
  );
}

/**
 * The chips of one recipient field. Reached from its input (Backspace or Left when it is
 * empty), not by Tab: Left/Right move between them and back to the input, Backspace or
 * Delete removes one, Enter or Space (or a double click) opens it as text to edit. The × button
 * is for the pointer; its name says whom it removes.
 */
export function RecipientChips({
  label,
  chips,
  onRemove,
  onReopen,
  onLeave,
}: {
  label: string;
  chips: readonly Chip[];
  onRemove: (index: number) => void;
  onReopen: (index: number) => void;
  /** Focus back to the field's input. */
  onLeave: () => void;
}) {
  if (!chips.length) return null;
  const focusChip = (e: KeyboardEvent, i: number) => {
    const all = e.currentTarget.closest('ul')?.querySelectorAll<HTMLElement>('.chip-text');
    if (all?.[i]) all[i].focus();
    else onLeave();
  };
  const keys = (e: KeyboardEvent, i: number) => {
    if (e.key === 'Backspace' || e.key === 'Delete') onRemove(i);
    else if (e.key === 'Enter' || e.key === ' ' || e.key === 'F2') onReopen(i);
    else if (e.key === 'ArrowLeft') focusChip(e, Math.max(0, i - 1));
    else if (e.key === 'ArrowRight') focusChip(e, i + 1);
    else return;
    e.preventDefault();
  };
  return (
    <ul className="chips" aria-label={`${label} recipients`}>
      {chips.map((chip, i) => {
        const bad = isBad(chip);
        const address = bad ? chip.bad : chip.email;
        return (
          <li key={`${i}:${address}`} className={bad ? 'chip invalid' : 'chip'}>
            <span
              className="chip-text"
              role="button"
              tabIndex={-1}
              title={bad ? `${chip.bad}: ${BAD_WORDS}` : chip.email}
              aria-invalid={bad || undefined}
              onKeyDown={(e) => keys(e, i)}
              onDoubleClick={() => onReopen(i)}
            >
              <ChipWords chip={chip} />
            </span>
            <button type="button" tabIndex={-1} className="chip-remove" aria-label={`Remove ${address}`} onClick={() => onRemove(i)}>
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
