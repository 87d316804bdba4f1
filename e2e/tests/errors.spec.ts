// Dead ends that are not: an address nothing serves answers a translated page that says what to
// do (and JSON under /api/), a page of another role says where to go, and ordering while signed
// out goes through signing in back to the order page. axe-core checks each page.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from './fixtures';
import { OTHER_APPLICANT, PASSWORD, enterCode, snapshot } from './support';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function audit(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.passes.length, 'rules axe passed').toBeGreaterThan(10);
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${v.id}: ${v.help}`), `violations on ${name}`).toEqual([]);
}

test('an unknown address answers a translated page, JSON under /api/', async ({ page, request }) => {
  const answer = await page.goto('/no/such/page');
  expect(answer?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to the start page' })).toBeVisible();
  await audit(page, '404');
  await page.getByRole('navigation', { name: 'Choose language' }).getByRole('link', { name: 'Қазақша' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Бет табылмады' })).toBeVisible();
  const api = await request.get('/api/v1/no-such');
  expect(api.status()).toBe(404);
  expect((await api.json()).error.code).toBe('request.not-found');
});

test('ordering while signed out ends on the order page; a page of another role says where to go', async ({ page }) => {
  await page.goto('/order');
  await expect(page).toHaveURL(/\/login\?next=%2Forder$/);
  await page.getByLabel('IIN (individual identification number)').fill(OTHER_APPLICANT);
  await page.getByLabel('Password').fill(PASSWORD);
  const before = await snapshot(page.request);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/login\/confirm\?c=.*next=%2Forder/);
  await enterCode(page, page.request, before, 'Confirm');
  await expect(page).toHaveURL(/\/order$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Which service do you need?' })).toBeVisible();

  const answer = await page.goto('/desk');
  expect(answer?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1, name: 'You cannot open this page' })).toBeVisible();
  await expect(page.getByText('Reload the page')).toHaveCount(0);
  await audit(page, '403');
  await page.getByRole('link', { name: 'Go to your pages' }).click();
  await expect(page).toHaveURL(/\/cabinet$/);
});
