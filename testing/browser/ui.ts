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
