import { useEffect } from 'react';
import { readSetting, THEME, writeSetting, type Theme } from '../../store/index.ts';
import { mailDb } from '../data/db.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';

/** Light or dark: follows the system unless the person chose; stored per device. */
export function useTheme(): [Theme, (t: Theme) => void] {
  const theme = useLiveQuery(() => readSetting(mailDb(), THEME), []) ?? 'system';
  useEffect(() => {
    if (theme === 'system') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', theme);
  }, [theme]);
  return [theme, (t) => void writeSetting(mailDb(), THEME, t)];
}
