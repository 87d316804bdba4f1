// The language switch: choosing Қазақша on the login page shows the page in Kazakh, and the
// choice is remembered on the next page, whatever the browser's own language says.
import { test, expect } from './fixtures';

test('switching to Қазақша on the login page persists to the next page', async ({ page }) => {
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to the portal' })).toBeVisible();

  const languages = page.getByRole('navigation', { name: 'Choose language' });
  await languages.getByRole('link', { name: 'Қазақша' }).click();

  await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
  await expect(page.getByRole('heading', { level: 1, name: 'Порталға кіру' })).toBeVisible();
  await expect(page.getByLabel('ЖСН (жеке сәйкестендіру нөмірі)')).toBeVisible();
  await expect(page.getByLabel('Құпиясөз')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Жалғастыру' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Тілді таңдау' }).getByRole('link', { name: 'Қазақша' }))
    .toHaveAttribute('aria-current', 'true');

  // The next page, reached by a plain link (no ?lang= in its address): still Kazakh.
  await page.getByRole('link', { name: 'Тіркелу' }).click();
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
  await expect(page.getByRole('heading', { level: 1, name: 'Порталда тіркелу' })).toBeVisible();

  // And the start page too, through the header link.
  await page.getByRole('link', { name: 'Қандас мәртебесін беру және ұзарту' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Қандас мәртебесін беру немесе ұзарту' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Қызметке онлайн тапсырыс беру/ })).toBeVisible();
});
