/**
 * One browser, one page and the two servers, with every detector attached:
 * - the canary `top.__xss(id)` the vectors call instead of alert();
 * - dialogs (fixtures use alert());
 * - console messages where Chromium reports script it refused to run in the sandboxed
 *   frame or a load the frame's CSP blocked;
 * - uncaught page errors;
 * - every request the browser makes anywhere (context-wide, so popups count), and
 *   connections/requests reaching the remote host's server.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchHostileBrowser } from './launch.ts';
import { startHarnessServer, startRemoteServer, type HarnessServer, type RemoteServer } from './servers.ts';
import type { RenderOutcome, RenderRequest, SanitizeTiming } from './harness/protocol.ts';
import { PageDetectors, type Observed, type Snapshot } from './detectors.ts';

export type { Observed } from './detectors.ts';

export class HostileSession {
  private constructor(
    readonly browser: Browser,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly harness: HarnessServer,
    readonly remote: RemoteServer,
  ) {
    this.detectors = new PageDetectors(page, remote);
    this.log = this.detectors.log;
  }

  private readonly detectors: PageDetectors;
  readonly log: string[];
  /** Pages opened from messages (links), each closed once recorded. */
  readonly popupLog: { url: string; hasOpener: boolean }[] = [];

  static async start(): Promise<HostileSession> {
    const harness = await startHarnessServer();
    const remote = await startRemoteServer();
    const browser = await launchHostileBrowser(remote.port);
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
    const page = await context.newPage();
    const session = new HostileSession(browser, context, page, harness, remote);
    session.attach();
    await page.goto(harness.origin + '/');
    await page.waitForFunction(() => document.title === 'hostile-ready', null, { timeout: 30_000 });
    return session;
  }

  private attach(): void {
    const own = new Set(['/', '/main.js', '/main.css', '/favicon.ico'].map((p) => this.harness.origin + p));
    this.context.on('request', (request) => {
      const url = request.url();
      if (own.has(url) || /^(data|blob|about):/i.test(url)) return;
      this.detectors.offOrigin++;
      this.log.push(`request: ${url.slice(0, 160)}`);
    });
    this.context.on('page', (popup) => {
      if (popup === this.page) return;
      this.detectors.popups++;
      void (async () => {
        await popup.waitForLoadState('domcontentloaded').catch(() => undefined);
        // Asked of the page itself: Playwright's popup.opener() reports the opening
        // page even for a noopener popup.
        const hasOpener = await popup.evaluate(() => window.opener !== null).catch(() => true);
        this.popupLog.push({ url: popup.url(), hasOpener });
        this.log.push(`popup: ${popup.url()}`);
        await popup.close().catch(() => undefined);
      })();
    });
  }

  private async snapshot(): Promise<Snapshot> {
    return this.detectors.snapshot(await this.page.evaluate(() => window.__harness.hits()), this.harness.unexpected.length);
  }

  /** Runs `action` and reports what the detectors saw while it ran. */
  async observe<T>(action: () => Promise<T>, settleMs = 50): Promise<Observed & { result: T }> {
    const before = await this.snapshot();
    const result = await action();
    // Let requests and console messages that were already on their way arrive.
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    return { ...this.detectors.between(before, await this.snapshot()), result };
  }

  render(request: RenderRequest): Promise<RenderOutcome> {
    return this.page.evaluate((r) => window.__harness.render(r), request);
  }

  renderRaw(request: RenderRequest): Promise<void> {
    return this.page.evaluate((r) => window.__harness.renderRaw(r), request);
  }

  renderRawHeaders(request: RenderRequest): Promise<void> {
    return this.page.evaluate((r) => window.__harness.renderRawHeaders(r), request);
  }

  renderSanitizedScriptable(request: RenderRequest): Promise<void> {
    return this.page.evaluate((r) => window.__harness.renderSanitizedScriptable(r), request);
  }

  timeSanitize(html: string): Promise<SanitizeTiming> {
    return this.page.evaluate((h) => window.__harness.timeSanitize(h), html);
  }

  /** The page still answers: a trivial script round trip within `timeoutMs`. */
  isResponsive(timeoutMs = 5_000): Promise<boolean> {
    return this.detectors.isResponsive(timeoutMs);
  }

  async clear(): Promise<void> {
    await this.page.evaluate(() => window.__harness.clear());
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.harness.stop();
    await this.remote.stop();
  }
}
