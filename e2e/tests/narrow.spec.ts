// The 320 px check of fixtures.ts itself: a page wider than a small phone fails the test that
// loaded it (`test.fail()`: this test passes only when the check does fail it).
import { test, expect } from './fixtures';

test('a page wider than 320 px fails the test that visits it', async ({ page }) => {
  test.fail(true, 'the automatic 320 px check must reject the 600 px page below');
  await page.route('**/e2e-too-wide', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!DOCTYPE html><html lang="en"><head><title>wide</title></head>' +
        '<body><p style="width:600px">a line 600 px wide</p></body></html>',
    }),
  );
  await page.goto('/e2e-too-wide');
  await expect(page.getByText('a line 600 px wide')).toBeVisible();
});

test('a page that fits passes', async ({ page }) => {
  await page.route('**/e2e-fits', (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!DOCTYPE html><html lang="en"><head><title>fits</title></head>' +
        '<body><p>a short line</p></body></html>',
    }),
  );
  await page.goto('/e2e-fits');
  await expect(page.getByText('a short line')).toBeVisible();
});
