import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync, readdirSync, readlinkSync, existsSync, chmodSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRelay, type Relay } from './relay.ts';

export interface CyrusUser {
  username: string;
  password: string;
  email: string;
}

export interface Cyrus {
  origin: string;
  sessionUrl: string;
  wellKnownUrl: string;
  imapPort: number;
  lmtpPort: number;
  smtpPort: number;
  dir: string;
  users: { alice: CyrusUser; bob: CyrusUser };
  relay: Relay;
  /**
   * Stops Cyrus and removes its directory; with `keepAs`, its mail data (conf, spool,
   * search, sieve) is moved there first, so a later `startCyrus({ from })` starts with the
   * same accounts and mail (a seeded 100k instance is built once and reused).
   */
  stop(options?: { keepAs?: string }): Promise<void>;
}

export interface StartCyrusOptions {
  /** A directory written by `stop({ keepAs })`: its mail data is copied in before start. */
  from?: string;
  /** Picks each port (default: one the kernel says is free now). Tests hand out a taken one. */
  pickPort?: () => Promise<number>;
  /** Whole starts tried, each on fresh ports, while a port turns out taken (default 5). */
  attempts?: number;
}

/**
 * A port that was free when picked was bound by another process before Cyrus bound it
 * (two suites starting at once). Cyrus' master then runs without that service and says
 * so only to syslog, so this is found by asking who listens on each port.
 */
class PortTaken extends Error {}

/** What a kept instance holds: everything Cyrus writes except run state and the config files. */
const DATA_DIRS = ['conf', 'spool', 'search', 'sieve'] as const;

const BIN = '/usr/lib/cyrus/bin';

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

function imapdConf(dir: string, smtpPort: number): string {
  return `configdirectory: ${dir}/conf
partition-default: ${dir}/spool
proc_path: ${dir}/run/proc
mboxname_lockpath: ${dir}/run/lock
lmtpsocket: ${dir}/run/socket/lmtp
idlesocket: ${dir}/run/socket/idle
notifysocket: ${dir}/run/socket/notify
sievedir: ${dir}/sieve
admins: admin
allowplaintext: yes
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: ${dir}/sasldb2
sasl_mech_list: PLAIN LOGIN
httpmodules: jmap
httpallowcors: *
conversations: 1
conversations_db: twoskip
virtdomains: off
unixhierarchysep: yes
autocreate_quota: 0
autocreate_post: 1
autocreate_inbox_folders: Drafts|Sent|Trash|Archive|Junk
autocreate_specialuse_folders: Drafts|Sent|Trash|Archive|Junk
xlist-drafts: Drafts
xlist-sent: Sent
xlist-trash: Trash
xlist-archive: Archive
xlist-junk: Junk
search_engine: xapian
search_index_headers: yes
defaultsearchtier: t1
t1searchpartition-default: ${dir}/search
sync_log: 1
sync_log_channels: squatter
smtp_backend: host
smtp_host: 127.0.0.1:${smtpPort}
`;
}

function cyrusConf(dir: string, ports: { imap: number; http: number; lmtp: number }): string {
  const c = `${dir}/imapd.conf`;
  return `START {
  recover cmd="ctl_cyrusdb -r -C ${c}"
}
DAEMON {
  squatter cmd="squatter -C ${c} -R -d"
  calalarmd cmd="calalarmd -C ${c}"
}
SERVICES {
  imap cmd="imapd -C ${c}" listen="127.0.0.1:${ports.imap}" prefork=0
  http cmd="httpd -C ${c}" listen="127.0.0.1:${ports.http}" prefork=0
  lmtp cmd="lmtpd -a -C ${c}" listen="127.0.0.1:${ports.lmtp}" prefork=0
}
EVENTS {
  checkpoint cmd="ctl_cyrusdb -c -C ${c}" period=30
}
`;
}

/** One IMAP LOGIN/LOGOUT: Cyrus creates a user's special-use mailboxes on first login. */
async function imapLogin(port: number, user: string, password: string): Promise<void> {
  await new Promise<void>((ok, fail) => {
    const sock = new Socket();
    let buf = '';
    let sent = false;
    const timer = setTimeout(() => {
      sock.destroy();
      fail(new Error(`IMAP login for ${user} timed out`));
    }, 10_000);
    sock.on('data', (d) => {
      buf += d.toString();
      if (!sent && buf.includes('* OK')) {
        sent = true;
        sock.write(`a1 LOGIN ${user} "${password}"\r\na2 LOGOUT\r\n`);
      }
      if (/a1 NO|a1 BAD/.test(buf)) {
        clearTimeout(timer);
        sock.destroy();
        fail(new Error(`IMAP login for ${user} was refused: ${buf.trim()}`));
      }
      if (buf.includes('a2 OK')) {
        clearTimeout(timer);
        sock.end();
        ok();
      }
    });
    sock.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    sock.connect(port, '127.0.0.1');
  });
}

/** The inodes of the sockets listening on `port`, any address, IPv4 or IPv6. */
function listeners(port: number): string[] {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const inodes: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // local_address ADDR:PORT in hex; state 0A is LISTEN; the inode is the tenth field.
      const f = line.trim().split(/\s+/);
      if (f[1]?.endsWith(hex) && f[3] === '0A' && f[9]) inodes.push(f[9]);
    }
  }
  return inodes;
}

/** The socket inodes held open by the processes of the instance in `dir` (master and its children). */
function socketsOf(dir: string): Set<string> {
  const inodes = new Set<string>();
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`${dir}/imapd.conf`)) continue;
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m) inodes.add(m[1]!);
      }
    } catch {
      /* the process ended meanwhile */
    }
  }
  return inodes;
}

/**
 * Waits until this instance listens on every one of `ports`; throws PortTaken as soon as
 * one of them is listened on by any other process.
 */
async function waitForOwnPorts(dir: string, ports: Record<string, number>, log: () => string): Promise<void> {
  const until = Date.now() + 20_000;
  const foreignSeen = new Map<string, number>();
  while (Date.now() < until) {
    // Listeners first, then our sockets: a socket is among a process's fds before it
    // listens, so a listener of ours seen here is always found among them.
    const listening = Object.entries(ports).map(([service, port]) => ({ service, port, inodes: listeners(port) }));
    const own = socketsOf(dir);
    let all = true;
    for (const { service, port, inodes } of listening) {
      if (inodes.some((i) => own.has(i))) continue;
      all = false;
      // Someone else listens here. Twice in a row, 50 ms apart, is not another picker's
      // probe socket (open for microseconds) but a server that took the port.
      const seen = inodes.length > 0 ? (foreignSeen.get(service) ?? 0) + 1 : 0;
      foreignSeen.set(service, seen);
      if (seen >= 2) throw new PortTaken(`Cyrus' ${service} port ${port} was taken by another process before Cyrus bound it`);
    }
    if (all) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Cyrus did not listen on its ports ${JSON.stringify(ports)} within 20 s. Its output:\n${log()}`);
}

async function waitForHttp(origin: string, log: () => string): Promise<void> {
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    try {
      const res = await fetch(`${origin}/jmap/`);
      if (res.status === 401 || res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Cyrus did not answer on ${origin} within 20 s. Its output:\n${log()}`);
}

/**
 * A private Cyrus 3.6 on loopback: its own scratch directory, free ports, real
 * passwords, special-use mailboxes, Xapian search, and an SMTP relay that delivers
 * submissions back into Cyrus. Why each part: docs/servers/cyrus.md.
 *
 * Free ports are only free when asked: another process (another suite starting its own
 * Cyrus) can bind one before Cyrus does. Each start checks that Cyrus itself listens on
 * all three ports and, when one was taken, stops and starts again on fresh ports.
 */
export async function startCyrus(options: StartCyrusOptions = {}): Promise<Cyrus> {
  if (!existsSync(`${BIN}/master`)) {
    throw new Error('Cyrus is not installed: run `bash scripts/ensure-system-deps.sh` (installs cyrus-imapd, cyrus-caldav, sasl2-bin).');
  }
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(options);
    } catch (err) {
      if (!(err instanceof PortTaken) || attempt >= attempts) throw err;
    }
  }
}

async function startOnce(options: StartCyrusOptions): Promise<Cyrus> {
  const pickPort = options.pickPort ?? freePort;
  const dir = mkdtempSync(join(tmpdir(), 'cyrus-'));
  chmodSync(dir, 0o755);
  for (const d of ['run/socket', 'run/proc', 'run/lock']) mkdirSync(join(dir, d), { recursive: true });
  for (const d of DATA_DIRS) {
    const kept = options.from ? join(options.from, d) : null;
    if (kept && existsSync(kept)) {
      // cp -a keeps Cyrus' files as they were; the databases hold partition names, not paths.
      const r = spawnSync('cp', ['-a', '--reflink=auto', kept, join(dir, d)]);
      if (r.status !== 0) throw new Error(`Could not copy the kept Cyrus data from ${kept}: ${r.stderr.toString()}`);
    } else mkdirSync(join(dir, d), { recursive: true });
  }
  const ports = { imap: await pickPort(), http: await pickPort(), lmtp: await pickPort() };
  const users = {
    alice: { username: 'alice', password: 'alice-pw-3x', email: 'alice@example.test' },
    bob: { username: 'bob', password: 'bob-pw-7y', email: 'bob@example.test' },
  };
  const relay = await startRelay(ports.lmtp, ['alice', 'bob']);
  writeFileSync(join(dir, 'imapd.conf'), imapdConf(dir, relay.port));
  writeFileSync(join(dir, 'cyrus.conf'), cyrusConf(dir, ports));
  for (const [name, pw] of [
    ['alice', users.alice.password],
    ['bob', users.bob.password],
    ['admin', 'admin-pw-9z'],
  ]) {
    const r = spawnSync('saslpasswd2', ['-p', '-c', '-f', join(dir, 'sasldb2'), name!], { input: pw + '\n' });
    if (r.status !== 0) throw new Error(`saslpasswd2 failed for ${name}: ${r.stderr.toString()}`);
  }
  spawnSync('chown', ['-R', 'cyrus:mail', dir]);
  let output = '';
  // -D: master stays in the foreground, so its process group is ours to end.
  const master: ChildProcess = spawn(
    'su',
    ['-s', '/bin/sh', 'cyrus', '-c', `${BIN}/master -D -C ${dir}/imapd.conf -M ${dir}/cyrus.conf -p ${dir}/run/master.pid -l 64`],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  master.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  master.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const origin = `http://127.0.0.1:${ports.http}`;
  let stopped = false;
  const stop = async (stopOptions: { keepAs?: string } = {}): Promise<void> => {
    if (stopped) return;
    stopped = true;
    try {
      if (master.pid) process.kill(-master.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    // Any child master left behind (it normally takes them down) is ended by its config path.
    await new Promise((r) => setTimeout(r, 500));
    spawnSync('pkill', ['-KILL', '-f', `${dir}/imapd.conf`]);
    await relay.stop();
    if (stopOptions.keepAs) {
      rmSync(stopOptions.keepAs, { recursive: true, force: true });
      mkdirSync(stopOptions.keepAs, { recursive: true });
      for (const d of DATA_DIRS) {
        const r = spawnSync('mv', [join(dir, d), join(stopOptions.keepAs, d)]);
        if (r.status !== 0) throw new Error(`Could not keep Cyrus' ${d} in ${stopOptions.keepAs}: ${r.stderr.toString()}`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', () => {
    spawnSync('pkill', ['-KILL', '-f', `${dir}/imapd.conf`]);
  });
  try {
    await waitForOwnPorts(dir, ports, () => output);
    await waitForHttp(origin, () => output + tail(join(dir, 'run')));
    for (const u of [users.alice, users.bob]) await imapLogin(ports.imap, u.username, u.password);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    origin,
    sessionUrl: `${origin}/jmap/`,
    wellKnownUrl: `${origin}/.well-known/jmap`,
    imapPort: ports.imap,
    lmtpPort: ports.lmtp,
    smtpPort: relay.port,
    dir,
    users,
    relay,
    stop,
  };
}

function tail(path: string): string {
  try {
    return readFileSync(path, 'utf8').slice(-2000);
  } catch {
    return '';
  }
}
