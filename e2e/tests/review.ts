// The review of a registered case on the officer's and the head's pages, as the rules in force
// run it: the completeness check, the commission's protocol (one recommendation per person),
// the decision the officer proposes, and the head's sign-off. Shared by officer.spec.ts (which
// also goes through a hearing) and desk.spec.ts. axe-core checks each form on the way.
import { expect, type Page } from './fixtures';
import AxeBuilder from '@axe-core/playwright';

/** The head of the Astana local executive body, who signs decisions off. */
export const HEAD = '870404300076';

/** The video record's SHA-256 the protocols give. */
export const SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe on the page: no violation at all of the WCAG 2.x A/AA rules. */
export async function audit(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.passes.length, 'rules axe passed').toBeGreaterThan(10);
  console.log(`axe ${name}: ${results.passes.length} rules passed, ${results.violations.length} violated, ` +
    `${results.incomplete.length} need review (${results.incomplete.map((r) => `${r.id}/${r.impact}`).join(', ')})`);
  const where = (v: { nodes: { target: unknown[] }[] }) => v.nodes.map((n) => n.target.join(' ')).join(', ');
  for (const v of results.violations) console.log(`axe ${name}: ${v.id} (${v.impact}) — ${v.help}: ${where(v)}`);
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${where(v)})`), `violations on ${name}`).toEqual([]);
}

/** A moment `hours` from now as a `datetime-local` field takes it in Almaty time (UTC+5). */
export function almatyIn(hours: number): string {
  return new Date(Date.now() + (hours + 5) * 3_600_000).toISOString().slice(0, 16);
}

/** The step the case page names as next. */
export async function expectStep(page: Page, step: string) {
  await expect(page.locator('dt:has-text("Next step") + dd')).toHaveText(step);
}

/** The completeness check on the open case page: the package is accepted for review. */
export async function acceptComplete(page: Page) {
  await expectStep(page, 'Completeness check');
  await expect(page.getByRole('heading', { level: 2, name: 'Completeness check' })).toBeVisible();
  await expect(page.getByRole('group', { name: /^Personal history/ }).getByLabel('Not presented')).toBeVisible();
  await audit(page, 'case: completeness check');
  await page.getByRole('button', { name: 'The package is complete: accept it for review' }).click();
  await expect(page.getByText('Accepted for review', { exact: true })).toBeVisible();
}

/** Fills in the commission's protocol; `refuse` maps a person's name to the reason to refuse. */
export async function fillProtocol(page: Page, refuse: Record<string, string> = {}) {
  await page.getByLabel('Protocol number').fill('П-12');
  await page.getByLabel('Members present').fill('Сейтқазиева Ақбөпе\nЖұмабеков Ерлан');
  for (const [person, reason] of Object.entries(refuse)) {
    const line = page.getByRole('group', { name: new RegExp(`^${person}`) });
    await line.getByLabel('Recommend refusing').check();
    await line.getByLabel("The commission's reason").fill(reason);
  }
  await page.getByLabel('Video recording of the sitting: reference in the archive').fill('archive://leb-astana/2026/12');
}

/** Records the protocol (everyone recommended for the status unless `refuse` names them). */
export async function recordProtocol(page: Page, refuse: Record<string, string> = {}) {
  await expectStep(page, 'Commission');
  await audit(page, 'case: commission');
  await fillProtocol(page, refuse);
  await page.getByLabel('Video recording: SHA-256').fill(SHA256);
  await page.getByRole('button', { name: 'Record the protocol' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Protocol No. П-12' })).toBeVisible();
  await expect(page.getByText(SHA256)).toBeVisible();
}

/** The officer proposes to assign the status; the case waits for the head. */
export async function proposeAssignment(page: Page) {
  await expectStep(page, 'Decision');
  await audit(page, 'case: decision');
  await page.getByRole('group', { name: 'Outcome' }).getByLabel('Assign the status').check();
  await page.getByRole('button', { name: "Send the decision for the head's sign-off" }).click();
  await expect(page.getByText("Awaiting the head's sign-off", { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign off the decision' })).toHaveCount(0);
}

/** The head opens the case from the queue and signs the decision off; answers the certificate number. */
export async function signOff(head: Page, number: string): Promise<string> {
  await head.goto('/staff');
  const row = head.getByRole('row').filter({ hasText: number });
  await expect(row).toContainText("Head's sign-off");
  await row.getByRole('link', { name: number }).click();
  await expect(head.getByRole('heading', { level: 3, name: 'Proposed decision' })).toBeVisible();
  await audit(head, 'case: sign-off');
  await head.getByRole('button', { name: 'Sign off the decision' }).click();
  await expect(head.getByRole('heading', { level: 2, name: 'Result' })).toBeVisible();
  await expect(head.locator('dt:has-text("Signed off") + dd')).toContainText('you');
  const result = head.getByText(/^Kandas status assigned\. Certificate No\. KC-/);
  await expect(result).toBeVisible();
  await audit(head, 'case: decided');
  return /KC-[\w-]+/.exec((await result.textContent()) ?? '')![0];
}
