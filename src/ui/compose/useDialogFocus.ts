/**
 * The compose window as a dialog for the keyboard: focus moves into it when it opens
 * (the first field, or the message for a reply), Tab and Shift+Tab stay inside it, and
 * when it closes focus goes back to what opened it (the Reply button, Compose).
 * Escape is the window's own (it closes and keeps the draft).
 */
import { useEffect, useState, type RefObject } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [contenteditable="true"], [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((e) => e.offsetParent !== null || e === document.activeElement);
}

export function useDialogFocus(dialog: RefObject<HTMLElement | null>, open: boolean, start: () => HTMLElement | null): void {
  // What had focus when the window was asked for, before it rendered anything.
  const [opener] = useState(() => (typeof document === 'undefined' ? null : (document.activeElement as HTMLElement | null)));
  useEffect(() => {
    const root = dialog.current;
    if (!open || !root) return;
    if (!root.contains(document.activeElement)) (start() ?? focusables(root)[0] ?? root).focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return;
      const list = focusables(root);
      const first = list[0];
      const last = list.at(-1);
      if (!first || !last) return;
      const at = document.activeElement;
      if (e.shiftKey && (at === first || !root.contains(at))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (at === last || !root.contains(at))) {
        e.preventDefault();
        first.focus();
      }
    };
    root.addEventListener('keydown', onKey);
    return () => root.removeEventListener('keydown', onKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);
  // Focus back where it was once the window is gone.
  useEffect(() => () => void (opener?.isConnected ? opener.focus() : undefined), [opener]);
}
