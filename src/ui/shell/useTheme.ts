import { useEffect } from 'react';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';

export type Theme = 'system' | 'light' | 'dark';

/** Light or dark: follows the system unless the person chose; stored per device. */
export function useTheme(): [Theme, (t: Theme) => void] {
  const stored = useLiveQuery(async () => (await mailDb().settings.get('theme'))?.value as Theme | undefined, []);
  const theme: Theme = stored ?? 'system';
  useEffect(() => {
    if (theme === 'system') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', theme);
  }, [theme]);
  return [theme, (t) => void mailDb().settings.put({ key: 'theme', value: t })];
}
