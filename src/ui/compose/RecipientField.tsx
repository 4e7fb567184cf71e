import { useId, useMemo, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { displayText } from '../../sanitize/displayText.ts';
import { isBad } from './addresses.ts';
import { suggest, type Contact } from './contacts.ts';
import { RecipientChips } from './RecipientChips.tsx';
import { committed, picked, removed, reopened, typed, type RecipientField as Field } from './recipients.ts';

/**
 * One of To, Cc, Bcc: its chips, then an input that is an ARIA combobox over the ranked
 * suggestions (at most 8; Up/Down move, Enter or Tab picks the one moved to, Escape
 * closes the list). `,` or `;` ends an entry as it is typed; Enter, Tab, leaving the
 * field and a paste make chips of all of the text.
 */
export function RecipientField({
  label,
  field,
  onChange,
  contacts,
  onWant,
  autoFocus,
}: {
  label: string;
  field: Field;
  /** Given how to change the field (from what it is then: a blur may follow a pick in the same frame). */
  onChange: (update: (f: Field) => Field) => void;
  contacts: readonly Contact[];
  /** The person is in a recipient field: the suggestions are wanted now. */
  onWant: () => void;
  autoFocus: boolean;
}) {
  const id = useId();
  const listId = `${id}-suggestions`;
  const input = useRef<HTMLInputElement>(null);
  const [closed, setClosed] = useState(false);
  // The suggestion moved to, by address: it stays the one chosen when the list reorders
  // (the address book or a new table arriving while the list is open).
  const [active, setActive] = useState<string | null>(null);
  const options = useMemo(() => {
    if (closed) return [];
    const taken = new Set(field.chips.flatMap((c) => (isBad(c) ? [] : [c.email.toLowerCase()])));
    return suggest(contacts, field.text, taken);
  }, [contacts, field.text, field.chips, closed]);
  const current = options.findIndex((o) => o.address === active);

  const change = (update: (f: Field) => Field) => {
    setActive(null);
    setClosed(false);
    onChange(update);
  };
  const pick = (c: Contact) => change((f) => picked(f, { name: c.name, email: c.email }));
  const focusInput = () => input.current?.focus();
  const lastChip = () => input.current?.parentElement?.querySelector<HTMLElement>('.chip:last-child .chip-text')?.focus();

  const keys = (e: KeyboardEvent<HTMLInputElement>) => {
    const move = (by: number) => {
      const n = options.length;
      if (closed) setClosed(false);
      else if (!n) return;
      else setActive(options[current < 0 ? (by > 0 ? 0 : n - 1) : (current + by + n) % n]!.address);
      e.preventDefault();
    };
    const empty = e.currentTarget.value === '';
    if (e.key === 'ArrowDown') move(1);
    else if (e.key === 'ArrowUp') move(-1);
    else if (e.key === 'Enter' && (current >= 0 || field.text.trim())) {
      e.preventDefault();
      if (current >= 0) pick(options[current]!);
      else change((f) => committed(f));
    } else if (e.key === 'Tab' && current >= 0) pick(options[current]!);
    else if (e.key === 'Tab' && field.text.trim()) change((f) => committed(f));
    else if (e.key === 'Escape' && options.length) {
      // Closes the list only; a second Escape closes the composer (its draft kept).
      e.preventDefault();
      e.stopPropagation();
      setClosed(true);
    } else if ((e.key === 'Backspace' || e.key === 'ArrowLeft') && empty && field.chips.length) {
      e.preventDefault();
      lastChip();
    }
  };
  const paste = (e: ClipboardEvent<HTMLInputElement>) => {
    const pasted = e.clipboardData.getData('text/plain');
    if (!pasted) return;
    e.preventDefault();
    const el = e.currentTarget;
    const text = el.value.slice(0, el.selectionStart ?? el.value.length) + pasted + el.value.slice(el.selectionEnd ?? el.value.length);
    change((f) => committed(f, text));
  };

  return (
    <div className="recipient-row">
      <label htmlFor={`${id}-input`}>{label}</label>
      <div className="chips-box">
        <RecipientChips
          label={label}
          chips={field.chips}
          onRemove={(i) => (change((f) => removed(f, i)), focusInput())}
          onReopen={(i) => (change((f) => reopened(f, i)), focusInput())}
          onLeave={focusInput}
        />
        <input
          ref={input}
          id={`${id}-input`}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={options.length > 0}
          aria-controls={listId}
          aria-activedescendant={current >= 0 ? `${listId}-${current}` : undefined}
          autoComplete="off"
          spellCheck={false}
          value={field.text}
          onChange={(e) => {
            const text = e.target.value;
            change((f) => typed(f, text));
          }}
          onKeyDown={keys}
          onPaste={paste}
          onFocus={onWant}
          onBlur={() => field.text.trim() && change((f) => committed(f))}
          autoFocus={autoFocus}
        />
        <ul role="listbox" id={listId} aria-label={`Suggestions for ${label}`} className="suggestions" hidden={!options.length}>
          {options.map((c, i) => (
            <li
              key={c.address}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(c)}
            >
              {c.name && <span className="suggestion-name">{displayText(c.name, 200)}</span>}{' '}
              <span className="muted">{displayText(c.email, 320)}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
