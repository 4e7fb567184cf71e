import { createHash, timingSafeEqual } from 'node:crypto';
import type { Db } from './db.ts';

export interface User {
  username: string;
  password: string;
  /** Bearer token for this user (printed by the CLI, provided to tests). */
  token: string;
  email: string;
  name: string;
  accountId: string;
}

export interface NewUser {
  username: string;
  password: string;
  email: string;
  name: string;
}

/** Account ids are derived from the username so a restart and a re-seed give the same ids. */
export function accountIdFor(username: string): string {
  return 'a' + createHash('sha256').update(`account:${username}`).digest('hex').slice(0, 12);
}

export function tokenFor(username: string, password: string): string {
  return 'demo_' + createHash('sha256').update(`token:${username}:${password}`).digest('base64url').slice(0, 32);
}

export function addUser(db: Db, user: NewUser): User {
  const full: User = { ...user, token: tokenFor(user.username, user.password), accountId: accountIdFor(user.username) };
  db.prepare('INSERT INTO users (username, password, token, email, name, accountId) VALUES (?, ?, ?, ?, ?, ?)').run(
    full.username,
    full.password,
    full.token,
    full.email,
    full.name,
    full.accountId,
  );
  return full;
}

export function getUser(db: Db, username: string): User | undefined {
  return db.prepare('SELECT * FROM users WHERE username = ?').get(username) as User | undefined;
}

export function listUsers(db: Db): User[] {
  return db.prepare('SELECT * FROM users ORDER BY username').all() as User[];
}

/** Finds the local user an address belongs to (case-insensitive), or by bare username. */
export function userByAddress(db: Db, address: string): User | undefined {
  const a = address.trim().toLowerCase();
  return (db.prepare('SELECT * FROM users WHERE lower(email) = ? OR lower(username) = ?').get(a, a) as User | undefined) ?? undefined;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function checkPassword(db: Db, username: string, password: string): User | undefined {
  const user = getUser(db, username);
  return user && same(user.password, password) ? user : undefined;
}

export function userByToken(db: Db, token: string): User | undefined {
  const user = db.prepare('SELECT * FROM users WHERE token = ?').get(token) as User | undefined;
  return user && same(user.token, token) ? user : undefined;
}
