import type { ButtonHTMLAttributes } from 'react';
import type { LucideIcon } from 'lucide-react';

interface IconButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  icon: LucideIcon;
  /** The button's name: visible beside the icon (hidden on a narrow toolbar, still read). */
  label: string;
  /** The key that does the same (shown in the tooltip). */
  shortcut?: string;
}

/**
 * A button with a lucide icon (imported by name, so only the icons used ship) and its
 * words: the accessible name is the label, never the drawing, so role+name lookups and
 * screen readers find "Archive" as before.
 */
export function IconButton({ icon: Icon, label, shortcut, className, ...rest }: IconButtonProps) {
  return (
    <button type="button" title={shortcut ? `${label} (${shortcut})` : label} className={`icon-button ${className ?? ''}`} {...rest}>
      <Icon aria-hidden="true" focusable="false" size={16} strokeWidth={2} />
      <span className="icon-label">{label}</span>
    </button>
  );
}
