import { keptIdentities, readSetting, sendingAddressOf, type MailDb } from '../../store/index.ts';

/** The person's own addresses as far as the device knows them (reply all and suggestions leave them out). */
export async function ownAddresses(db: MailDb, accountId: string, names: readonly string[]): Promise<string[]> {
  const identities = (await readSetting(db, keptIdentities(accountId))) ?? [];
  const given = await Promise.all(identities.map((i) => readSetting(db, sendingAddressOf(accountId, i.id))));
  return [...names, ...identities.map((i) => i.email), ...given].filter((a): a is string => !!a?.includes('@'));
}
