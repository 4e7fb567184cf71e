import type { Density, Theme } from '../../store/setting.ts';

/** Puts the theme on the document: `data-theme` for a chosen one, none to follow the system. */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', theme);
}

/** Puts the rows' density on the document (threads/rows.tsx rowPx and app.css read it). */
export function applyDensity(density: Density): void {
  document.documentElement.dataset.density = density;
}
