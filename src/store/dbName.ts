/** The mirror's database name (db.ts opens it; firstRead.ts reads it before Dexie loads). */
export const DEFAULT_DB_NAME = 'mail';
