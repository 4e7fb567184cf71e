/**
 * The reload benchmark's baseline (scripts/bench/reload.ts): the least a page can do to
 * show the list. It opens the app's IndexedDB with no library, reads the first account's
 * Inbox from the same index the app pages (threadInMailbox, newest first), 50 rows and
 * their newest emails, and paints them as plain `.thread` rows.
 */
const request = (r) =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

const db = await request(indexedDB.open('mail'));
const tx = db.transaction(['accounts', 'mailboxes', 'threadInMailbox', 'emails'], 'readonly');
const [account] = await request(tx.objectStore('accounts').getAll());
const a = account.id;
const mailboxes = await request(tx.objectStore('mailboxes').getAll(IDBKeyRange.bound([a, ''], [a, '\uffff'])));
const inbox = (mailboxes.find((m) => m.role === 'inbox') ?? mailboxes[0]).id;
const index = tx.objectStore('threadInMailbox').index('[accountId+mailboxId+receivedMs+threadId]');
const rows = await new Promise((resolve, reject) => {
  const out = [];
  const cursor = index.openCursor(IDBKeyRange.bound([a, inbox, -Infinity, ''], [a, inbox, Infinity, '\uffff']), 'prev');
  cursor.onerror = () => reject(cursor.error);
  cursor.onsuccess = () => {
    const c = cursor.result;
    if (!c || out.length === 50) return resolve(out);
    out.push(c.value);
    c.continue();
  };
});
const emails = await Promise.all(rows.map((r) => request(tx.objectStore('emails').get([a, r.emailId]))));
const list = document.createElement('div');
for (const e of emails) {
  if (!e) continue;
  const row = document.createElement('div');
  row.className = 'thread';
  const who = document.createElement('b');
  who.textContent = (e.from ?? []).map((f) => f.name || f.email).join(', ');
  const subject = document.createElement('span');
  subject.textContent = ` ${e.subject ?? ''} `;
  const preview = document.createElement('small');
  preview.textContent = e.preview ?? '';
  row.append(who, subject, preview);
  list.append(row);
}
document.getElementById('root').append(list);
