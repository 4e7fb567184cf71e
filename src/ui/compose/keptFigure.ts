/**
 * A figure of the server's session the composer needs offline too (the largest upload,
 * how far ahead it holds mail): read through the host, kept in src/store settings, the
 * kept one used until the host answers (or while it cannot).
 */
import { useEffect, useState } from 'react';
import { readSetting, writeSetting, type Setting } from '../../store/index.ts';
import { ask } from '../bridge/ask.ts';
import { mailDb } from '../data/db.ts';

type SessionReply = Awaited<ReturnType<typeof ask<'session'>>>;

export function useKeptFigure(accountId: string, setting: Setting<number | null>, pick: (s: SessionReply) => number): number | null {
  const [value, setValue] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const db = mailDb();
    void readSetting(db, setting).then((kept) => live && kept !== null && setValue((v) => v ?? kept));
    void ask(accountId, 'session', {})
      .then(async (session) => {
        const figure = pick(session);
        if (live) setValue(figure);
        await writeSetting(db, setting, figure);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // The setting and pick are made anew each render; the account is what changes them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accountId]);
  return value;
}
