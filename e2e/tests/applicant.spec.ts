// The applicant's whole journey through the pages, as a person does it: sign in, order the
// assignment, fill in the form and the family, upload the documents, check, sign with the SMS
// code, and find the application registered in "History of obtained services".
import { test, expect } from './fixtures';
import { APPLICANT, enterCode, signIn, snapshot } from './support';
import {
  ADDRESS, ASSIGNMENT_DOCUMENTS, addFamily, fillForm, openReview, orderAssignment, uploadDocuments,
} from './journey';

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
/** "Decision due by 26 November 2026": the date written out, never 2026-11-26. */
const DUE = new RegExp(`Decision due by \\d{1,2} (?:${MONTHS}) \\d{4}`);

test('the applicant orders, fills in, signs and sees the application registered', async ({ page }) => {
  await test.step('sign in with IIN, password and the SMS code', async () => {
    await signIn(page, APPLICANT);
  });

  const number = await test.step('order the assignment', () => orderAssignment(page));
  const applicationUrl = page.url();

  await test.step('fill in the form', () => fillForm(page, applicationUrl));

  await test.step('add the spouse (with IIN) and the child (without)', async () => {
    await addFamily(page);
    // The answers saved before are still there.
    const about = page.getByRole('group', { name: 'About you' });
    await expect(about.getByLabel('Region of settlement')).toHaveValue('astana');
    await expect(about.getByLabel('Address')).toHaveValue(ADDRESS);
  });

  await test.step('upload every document asked for', async () => {
    expect(await uploadDocuments(page, applicationUrl)).toEqual(ASSIGNMENT_DOCUMENTS);
  });

  await test.step('check the answers, get the code and sign', async () => {
    await openReview(page);
    const before = await snapshot(page.request);
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect(page).toHaveURL(/\/sign\?phone=/);
    await enterCode(page, page.request, before, 'Sign and send');
  });

  const due = await test.step('the confirmation shows the number and what happens next', async () => {
    await expect(page).toHaveURL(/\/done$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Application sent' })).toBeVisible();
    await expect(page.getByText('Your application number')).toContainText(number);
    await expect(page.getByRole('heading', { level: 2, name: 'What happens next' })).toBeVisible();
    const dueLine = page.getByText(DUE);
    await expect(dueLine).toBeVisible();
    return DUE.exec((await dueLine.textContent()) ?? '')![0];
  });

  await test.step('the cabinet lists it registered, with the decision date written out', async () => {
    await page.getByRole('main').getByRole('link', { name: 'History of obtained services' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'History of obtained services' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: number });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell').nth(2)).toHaveText('Registered');
    await expect(row).toContainText(due);
  });
});
