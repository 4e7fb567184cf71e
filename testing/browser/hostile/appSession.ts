/**
 * Hostile mail through the app itself: the messages are imported into a folder of
 * alice's account on Cyrus, the built app is signed in in Chromium, and each message is
 * opened in the conversation view by keyboard (o, then j and o), exactly as a person
 * would. The same detectors as the harness session watch the app's page:
 * - the canary `top.__xss(id)` (defined in the app's top page only);
 * - dialogs; Chromium's console reports of script refused in a sandboxed frame or a load
 *   its CSP blocked; uncaught page errors; popups;
 * - every request: anything not to the app's own origin, and anything at all a message
 *   frame asks for (a relative URL in a srcdoc frame resolves against the app);
 * - connections and requests reaching the remote host (remote.test, a counting server).
 * And after each message the rendered DOM is checked by harness/inspect.ts.
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connect, type JmapClient } from '../../../src/jmap/index.ts';
import { signInThroughUi } from '../ui.ts';
import { launchHostileBrowser } from './launch.ts';
import { importMessages } from '../../corpus/import.ts';
import { mimeMessage, type HostileMail } from '../../mail/mime.ts';
import { startRemoteServer, type RemoteServer } from './servers.ts';
import { PageDetectors, type Observed, type Snapshot } from './detectors.ts';

const INSPECT = fileURLToPath(new URL('./harness/inspect.ts', import.meta.url));

/** inspect.ts as a script for the app's page, with the canary; top page only. */
async function pageScript(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { inspectMessage } from ${JSON.stringify(INSPECT)};
        if (window.top === window) {
          const hits = [];
          window.__xss = (id) => { hits.push(String(id)); };
          window.__hostile = { hits: () => hits.slice(), inspect: inspectMessage };
        }`,
      resolveDir: fileURLToPath(new URL('.', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface Opened extends Observed {
  key: string;
  /** inspect.ts findings on the open message, plus app-wide ones (on* attributes, scripts). */
  violations: string[];
  kind: 'html' | 'text' | 'other';
  /** The open message's text: frame body or text body, cut to 2,000 characters. */
  visibleText: string;
  /** From the key press to the body shown (frame loaded and measured). */
  openMs: number;
}

export class AppHostileSession {
  private constructor(
    readonly browser: Browser,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly remote: RemoteServer,
    readonly origin: string,
  ) {
    this.detectors = new PageDetectors(page, remote);
    this.log = this.detectors.log;
  }

  private readonly detectors: PageDetectors;
  readonly log: string[];
  private opened = 0;
  /** Tabs the test itself is opening (not popups from a message). */
  private ownTabs = 0;

  /** A new tab in the app's browser context (same origin storage: blob: URLs resolve). */
  async openOwnTab(): Promise<Page> {
    this.ownTabs++;
    return this.context.newPage();
  }

  static async start(origin: string): Promise<AppHostileSession> {
    const remote = await startRemoteServer();
    const browser = await launchHostileBrowser(remote.port);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ content: await pageScript() });
    const page = await context.newPage();
    const session = new AppHostileSession(browser, context, page, remote, origin);
    session.attach();
    return session;
  }

  private attach(): void {
    this.context.on('request', (request) => {
      const url = request.url();
      if (/^(data|blob|about):/i.test(url)) return;
      let fromMessage = false;
      try {
        fromMessage = request.frame() !== this.page.mainFrame();
      } catch {
        // A service worker's own request has no frame: it is the app's.
      }
      if (url.startsWith(this.origin + '/') && !fromMessage) return;
      this.detectors.offOrigin++;
      this.log.push(`request${fromMessage ? ' from a message frame' : ''}: ${url.slice(0, 160)}`);
    });
    this.context.on('page', (popup) => {
      if (popup === this.page) return;
      if (this.ownTabs > 0) {
        this.ownTabs--;
        return;
      }
      this.detectors.popups++;
      this.log.push(`popup: ${popup.url()}`);
      void popup.close().catch(() => undefined);
    });
  }

  async snapshot(): Promise<Snapshot> {
    return this.detectors.snapshot(
      await this.page.evaluate(() => (window as unknown as { __hostile: { hits(): string[] } }).__hostile.hits()),
    );
  }

  /** Signs alice in and opens `folder`, waiting until it lists `count` conversations. */
  async signInAndOpenFolder(username: string, password: string, folder: string, count: number): Promise<void> {
    await signInThroughUi(this.page, this.origin, username, password);
    const button = this.page.getByRole('navigation', { name: 'Folders' }).getByRole('button', { name: new RegExp(`^${folder}`) });
    await button.waitFor({ timeout: 90_000 });
    await button.click();
    // Its unread count comes with the folder (Mailbox/get), before the messages are
    // listed: wait for the rows themselves too (the list shows about 10 at this size; a
    // key pressed before any row exists opens nothing).
    await button.getByLabel(`${count} unread`).waitFor({ timeout: 90_000 });
    await this.page.waitForFunction((n) => document.querySelectorAll('.thread').length >= n, Math.min(count, 6), { timeout: 90_000 });
    await this.page
      .locator('body')
      .click({ position: { x: 5, y: 5 } })
      .catch(() => undefined);
  }

  /**
   * Opens the next conversation of the list by keyboard (the first: o; then j, o),
   * waits until the message whose To: name is `key` is shown, lets it settle, clicks
   * what a person might click in it, and reports what the detectors saw.
   */
  async openNext(key: string, options: { settleMs?: number; click?: readonly string[] } = {}): Promise<Opened> {
    const before = await this.snapshot();
    const started = Date.now();
    if (this.opened > 0) await this.page.keyboard.press('j');
    await this.page.keyboard.press('o');
    this.opened++;
    await this.page.waitForFunction(
      (k) => {
        const section = document.querySelector('article.conversation section.message.expanded');
        if (!section?.querySelector('.recipients')?.textContent?.includes(k)) return false;
        const body = section.querySelector('.msg-body');
        if (!body) return false;
        const frame = body.querySelector('iframe');
        return !frame || (frame.style.height !== '' && frame.contentDocument?.readyState === 'complete');
      },
      key,
      { timeout: 20_000, polling: 10 },
    );
    const openMs = Date.now() - started;
    await new Promise((r) => setTimeout(r, options.settleMs ?? 40));
    // Inspected in the task that finds every frame of the message loaded: a frame may load
    // again after it first showed (a part the server cut at a tag is re-read from its bytes
    // and shown anew), and a document mid-load has no body yet. CI once inspected just then.
    const ready = await this.page.waitForFunction(
      (click) => {
        const section = document.querySelector('article.conversation section.message.expanded') as HTMLElement | null;
        if (!section) return false;
        const loading = Array.from(section.querySelectorAll('iframe')).some((f) => {
          const d = f.contentDocument;
          return d !== null && (d.readyState !== 'complete' || !d.head || !d.body);
        });
        if (loading) return false;
        const frame = section.querySelector('iframe');
        const doc = frame?.contentDocument;
        for (const selector of click) {
          for (const element of Array.from(doc?.querySelectorAll(selector) ?? [])) {
            const href = element.getAttribute('href') ?? '';
            // Web links would open a tab (allowed: they are links); only the rest is clicked.
            if (/^(https?:|mailto:|tel:)/i.test(href.trim())) continue;
            element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: doc!.defaultView }));
          }
        }
        const hostile = (window as unknown as { __hostile: { inspect(stage: HTMLElement, allowRemote: boolean): string[] } }).__hostile;
        const violations = hostile.inspect(section, false);
        // The app's own page: React writes text, never markup, so no element outside the
        // message frames may carry an event handler attribute, and no script is added.
        for (const element of Array.from(document.querySelectorAll('*'))) {
          for (const attr of Array.from(element.attributes))
            if (/^on/i.test(attr.name)) violations.push(`app page: <${element.localName} ${attr.name}>`);
        }
        const scripts = Array.from(document.scripts).filter((s) => !s.src || !s.src.startsWith(location.origin + '/'));
        if (scripts.length) violations.push(`app page: ${scripts.length} script elements not the app's`);
        const subject = document.getElementById('conversation-subject');
        for (const element of Array.from(subject?.querySelectorAll('*') ?? [])) {
          if (!['span', 'bdi'].includes(element.localName)) violations.push(`subject contains <${element.localName}>`);
        }
        const textSource = doc?.body ?? section.querySelector('.msg-body');
        return {
          violations,
          kind: (frame ? 'html' : section.querySelector('.msg-text') ? 'text' : 'other') as 'html' | 'text' | 'other',
          visibleText: ((textSource as HTMLElement | null)?.innerText ?? '').slice(0, 2_000),
        };
      },
      options.click ?? [],
      { timeout: 20_000, polling: 10 },
    );
    const inspected = (await ready.jsonValue()) as Pick<Opened, 'violations' | 'kind' | 'visibleText'>;
    await ready.dispose();
    if (options.click?.length) await new Promise((r) => setTimeout(r, 100));
    return { key, ...this.detectors.between(before, await this.snapshot()), openMs, ...inspected };
  }

  isResponsive(timeoutMs = 5_000): Promise<boolean> {
    return this.detectors.isResponsive(timeoutMs);
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.remote.stop();
  }
}

/**
 * Imports `mails` into a new folder of the account, newest first in list order (the
 * first mail is the newest), unread. Returns the folder's id and the email ids in order.
 */
export async function importHostileMail(
  client: JmapClient,
  folder: string,
  mails: readonly HostileMail[],
): Promise<{ mailboxId: string; ids: string[] }> {
  const made = await client.call('Mailbox/set', { create: { f: { name: folder, parentId: null } } });
  const mailboxId = made.created?.f?.id;
  if (!mailboxId) throw new Error(`Could not make the folder ${folder}: ${JSON.stringify(made.notCreated)}`);
  const now = Date.now();
  const { ids } = await importMessages(
    client,
    mails.map((mail, index) => {
      const date = new Date(Math.floor((now - index * 60_000) / 1000) * 1000);
      return { raw: () => mimeMessage(mail, date), mailboxId, keywords: [], receivedAt: date.toISOString().replace(/\.\d{3}Z$/, 'Z') };
    }),
    { perCall: 25, lanes: 3 },
  );
  return { mailboxId, ids };
}

/** Removes what importHostileMail made. */
export async function removeHostileMail(client: JmapClient, mailboxId: string, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 100) await client.call('Email/set', { destroy: ids.slice(i, i + 100) });
  await client.call('Mailbox/set', { destroy: [mailboxId] });
}

export async function connectAlice(origin: string, username: string, password: string): Promise<JmapClient> {
  return connect({ url: origin, auth: { kind: 'basic', username, password }, timeoutMs: 60_000 });
}
