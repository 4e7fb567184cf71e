/**
 * What both hostile-mail sessions (the harness page and the app itself) watch in the
 * page they drive: dialogs (fixtures use alert()), Chromium's console reports of script
 * it refused to run in a sandboxed frame or a load a CSP blocked, uncaught page errors.
 * Each session adds its own request and popup rules and counts them here too, and reads
 * its canary; `Snapshot`s taken before and after an action give what the action caused.
 */
import type { Page } from 'playwright-core';
import type { RemoteServer } from './servers.ts';

export interface Counters {
  canary: number;
  dialogs: number;
  /** "Blocked script execution ... sandboxed" / "Refused to execute": script was attempted. */
  scriptBlocked: number;
  /** A load refused by the frame's CSP: the sanitizer let a URL through, the CSP held. */
  cspBlocked: number;
  pageErrors: number;
  remoteRequests: number;
  remoteConnections: number;
  /** Requests leaving what the page may load: other hosts, or relative URLs. */
  offOrigin: number;
  popups: number;
}

/** What every hostile message must leave behind: nothing at all. */
export const NOTHING: Readonly<Counters> = {
  canary: 0,
  dialogs: 0,
  scriptBlocked: 0,
  cspBlocked: 0,
  pageErrors: 0,
  remoteRequests: 0,
  remoteConnections: 0,
  offOrigin: 0,
  popups: 0,
};

export interface Observed {
  counters: Counters;
  canaryIds: string[];
  messages: string[];
}

export interface Snapshot {
  counters: Counters;
  canaryIds: string[];
  logAt: number;
}

/**
 * Reports Chromium gives while the sanitizer parses mail into an inert document
 * (DOMParser, which inherits the app page's CSP): a handler attribute, or a <base href>,
 * in the raw markup is "violating" the page's `script-src 'self'` / `base-uri 'none'`
 * although nothing in that document can run or load (seen with the page CSP on; checked
 * by hand: parseFromString of `<img onerror>` alone gives it). They cite the page's
 * policy, which no message frame has (its CSP is `default-src 'none'`, and script in it
 * is stopped by the sandbox first, reported as "Blocked script execution"). Whether a
 * handler reached a live DOM is what the canary and inspect.ts's on* invariant decide.
 */
const INERT_PARSE_REPORT =
  /^Executing inline event handler violates the following Content Security Policy directive 'script-src 'self''|^Setting the document's base URI to .* violates the following Content Security Policy directive: "base-uri 'none'"/;

export class PageDetectors {
  /** See INERT_PARSE_REPORT: logged as a figure, not a failure. */
  inertParseReports = 0;
  dialogs = 0;
  scriptBlocked = 0;
  cspBlocked = 0;
  pageErrors = 0;
  offOrigin = 0;
  popups = 0;
  readonly log: string[] = [];

  constructor(
    readonly page: Page,
    readonly remote: RemoteServer,
  ) {
    page.on('dialog', (dialog) => {
      this.dialogs++;
      this.log.push(`dialog: ${dialog.message().slice(0, 80)}`);
      void dialog.dismiss().catch(() => undefined);
    });
    page.on('console', (message) => {
      const text = message.text();
      if (INERT_PARSE_REPORT.test(text)) {
        // Counted apart (see INERT_PARSE_REPORT): nothing ran or loaded.
        this.inertParseReports++;
        return;
      }
      if (/Blocked script execution|Refused to execute|Refused to run|Refused to evaluate/i.test(text)) {
        this.scriptBlocked++;
        this.log.push(`script blocked: ${text.slice(0, 200)}`);
      } else if (/Content Security Policy/i.test(text)) {
        this.cspBlocked++;
        this.log.push(`csp: ${text.slice(0, 200)}`);
      }
    });
    page.on('pageerror', (error) => {
      this.pageErrors++;
      this.log.push(`page error: ${error.message.slice(0, 200)}`);
    });
  }

  /** The counts now, with the canary calls the session read from its page. */
  snapshot(canaryIds: string[], extraOffOrigin = 0): Snapshot {
    return {
      counters: {
        canary: canaryIds.length,
        dialogs: this.dialogs,
        scriptBlocked: this.scriptBlocked,
        cspBlocked: this.cspBlocked,
        pageErrors: this.pageErrors,
        remoteRequests: this.remote.requests.length,
        remoteConnections: this.remote.connections,
        offOrigin: this.offOrigin + extraOffOrigin,
        popups: this.popups,
      },
      canaryIds,
      logAt: this.log.length,
    };
  }

  /** What happened between two snapshots. */
  between(before: Snapshot, after: Snapshot): Observed {
    const counters = Object.fromEntries(
      Object.entries(after.counters).map(([name, value]) => [name, value - before.counters[name as keyof Counters]]),
    ) as unknown as Counters;
    return { counters, canaryIds: after.canaryIds.slice(before.canaryIds.length), messages: this.log.slice(before.logAt) };
  }

  /** The page still answers: a trivial script round trip within `timeoutMs`. */
  async isResponsive(timeoutMs = 5_000): Promise<boolean> {
    const answer = this.page.evaluate(() => 1 + 1);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
    return (await Promise.race([answer, timeout])) === 2;
  }
}
