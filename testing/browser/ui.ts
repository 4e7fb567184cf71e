/** Driving the app's UI from tests: signing in, screenshots, the accessibility scan. */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';

export async function signInThroughUi(page: Page, origin: string, username: string, password: string): Promise<void> {
  await page.goto(origin + '/');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's violations of impact serious or critical, as "rule: where" lines. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the app's CSP refuses inline script (and its
  // Trusted Types a plain-string script text), as it should.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
  });
}

/**
 * Makes sure a compose dialog sends from `email`: From is a choice of identities, and an
 * identity the server lists without an address (Cyrus here) asks for one once ("Your
 * address", then remembered). Before the identities were ever fetched, From is a text field.
 */
export async function sendFrom(dialog: Locator, email: string): Promise<void> {
  const from = dialog.getByLabel('From');
  await from.waitFor();
  if ((await from.evaluate((e) => e.tagName)) === 'INPUT') {
    if (!(await from.inputValue())) await from.fill(email);
    return;
  }
  const asked = dialog.getByLabel('Your address', { exact: true });
  // The choice settles once the identity's kept address is read (a moment after the select).
  if (
    !(await asked.waitFor({ timeout: 2000 }).then(
      () => true,
      () => false,
    ))
  )
    return;
  if (!(await asked.inputValue())) await asked.fill(email);
}

export interface ShownRecipient {
  /** The chip's visible words without the address beside them: the name, or the address when there is no name. */
  name: string;
  /** The address (its title), or what was written when it is not one. */
  address: string;
  /** Shown beside the name (senderDisplay: a name that could pass for another address). */
  addressShown: boolean;
  invalid: boolean;
}

/** The chips of a compose dialog's recipient field ("To", "Cc", "Bcc"), in order. */
export async function recipientChips(dialog: Locator, label: 'To' | 'Cc' | 'Bcc'): Promise<ShownRecipient[]> {
  const list = dialog.getByRole('list', { name: `${label} recipients`, exact: true });
  if (!(await list.count())) return [];
  return list.evaluate((ul) =>
    [...ul.querySelectorAll<HTMLElement>('.chip-text')].map((chip) => {
      const copy = chip.cloneNode(true) as HTMLElement;
      const shown = copy.querySelector('.chip-address');
      for (const extra of copy.querySelectorAll('.chip-address, .visually-hidden, .chip-bad')) extra.remove();
      const invalid = chip.getAttribute('aria-invalid') === 'true';
      return {
        name: (copy.textContent ?? '').trim(),
        address: invalid ? (copy.textContent ?? '').trim() : (chip.getAttribute('title') ?? ''),
        addressShown: !!shown,
        invalid,
      };
    }),
  );
}
