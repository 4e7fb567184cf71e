/**
 * The `?` list of keyboard shortcuts (useKeyboard.ts has the keys). A later part of the
 * shell (shell/later.tsx): in the DOM from the frame after the first rows.
 */
import { useEffect, useRef } from 'react';

const SHORTCUTS: [string, string][] = [
  ['j / k', 'next / previous conversation'],
  ['o or Enter', 'open'],
  ['u', 'back to the list'],
  ['e', 'archive'],
  ['#', 'delete (in Trash and Junk: for good)'],
  ['!', 'report spam (in Junk: not spam)'],
  ['z', 'undo the last action (while its note shows)'],
  ['s', 'star or unstar'],
  ['x', 'select'],
  ['v', 'move to a folder (opens the “Move to” list)'],
  ['Shift+i / Shift+u', 'mark read / unread'],
  ['r / a / f', 'reply / reply all / forward'],
  ['Ctrl+P / ⌘P', 'print the open conversation'],
  ['c', 'compose'],
  ['/', 'search'],
  ['g then i', 'go to the Inbox'],
  ['?', 'this list'],
];

export function ShortcutsHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  const help = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (open) help.current?.showModal?.();
    else help.current?.close?.();
  }, [open]);
  return (
    <dialog ref={help} aria-labelledby="help-title" onClose={onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <dl className="shortcuts">
        {SHORTCUTS.map(([k, what]) => (
          <div key={k}>
            <dt>
              <kbd>{k}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </dialog>
  );
}
