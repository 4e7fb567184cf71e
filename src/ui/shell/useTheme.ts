import { useEffect } from 'react';
import { readSetting, THEME, writeSetting, type Theme } from '../../store/setting.ts';
import { mailDb } from '../data/db.ts';
import { startRead } from '../data/startRead.ts';
import { useLiveQuery } from '../data/useLiveQuery.ts';
import { applyTheme } from './applyTheme.ts';

/**
 * Light or dark: follows the system unless the person chose; stored per device. The start
 * read has already put it on the document before the first rows paint (no light flash on
 * a reload in the dark); this keeps it current.
 */
export function useTheme(): [Theme, (t: Theme) => void] {
  const theme =
    useLiveQuery(
      () => readSetting(mailDb(), THEME),
      [],
      () => startRead()?.theme,
    ) ?? 'system';
  useEffect(() => applyTheme(theme), [theme]);
  return [theme, (t) => void writeSetting(mailDb(), THEME, t)];
}
