// The applicant's whole journey through the pages, as a person does it: sign in, order the
// assignment, fill in the form step by step (about you, each family member on a page of their
// own), leave a step half-typed and come back with nothing saved lost, upload the documents and
// replace one, check the answers and change one through its Change link, sign with the SMS
// code, and find the application registered in "History of obtained services". axe-core checks
// each step's page, and none is wider than a 320 px phone.
import { test, expect, type Page } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import { APPLICANT, PDF, codeAfter, enterCode, maskedPhone, signIn, snapshot } from './support';
import {
  ADDRESS, ASSIGNMENT_DOCUMENTS, CHILD, addFamily, fillForm, openReview, orderAssignment, uploadDocuments,
} from './journey';

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
/** "Decision due by 26 November 2026": the date written out, never 2026-11-26. */
const DUE = new RegExp(`Decision due by \\d{1,2} (?:${MONTHS}) \\d{4}`);

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe on the page: no violation of the WCAG 2.x A/AA rules; and the page fits a 320 px phone. */
async function check(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.passes.length, 'rules axe passed').toBeGreaterThan(10);
  const where = (v: { nodes: { target: unknown[] }[] }) => v.nodes.map((n) => n.target.join(' ')).join(', ');
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${where(v)})`), `violations on ${name}`).toEqual([]);
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  const wide = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  await page.setViewportSize(size);
  expect(wide, `${name} at 320 px`).toBeLessThanOrEqual(320);
}

test('the applicant orders, fills in, signs and sees the application registered', async ({ page }) => {
  test.setTimeout(120_000);
  await test.step('sign in with IIN, password and the SMS code', async () => {
    await signIn(page, APPLICANT);
  });

  const number = await test.step('order the assignment', () => orderAssignment(page));
  const applicationUrl = page.url();

  await test.step('step 1, about you, saved: on to the family', async () => {
    await fillForm(page, applicationUrl);
    await check(page, 'family (empty)');
  });

  await test.step('leave a half-typed member by a link and come back: what was saved is there', async () => {
    await page.getByRole('link', { name: 'Add a family member' }).click();
    const add = page.getByRole('group', { name: 'Add a family member' });
    await add.getByLabel('Surname (in Cyrillic)').fill(CHILD.surname);
    await check(page, 'add a member');
    await page.getByRole('link', { name: '← Family members' }).click();
    await expect(page.getByText('No family members added.')).toBeVisible();
    await page.getByRole('link', { name: '← About you' }).click();
    await expect(page.getByText('Step 1 of 4')).toBeVisible();
    const about = page.getByRole('group', { name: 'About you' });
    await expect(about.getByLabel('Region of settlement')).toHaveValue('astana');
    await expect(about.getByLabel('Profession')).toHaveValue('Инженер');
    await expect(about.getByLabel('Address')).toHaveValue(ADDRESS);
    await check(page, 'about you');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page).toHaveURL(`${applicationUrl}/form/members`);
  });

  await test.step('a child born in the future is refused at the field, with what was typed kept', async () => {
    await page.getByRole('link', { name: 'Add a family member' }).click();
    const add = page.getByRole('group', { name: 'Add a family member' });
    await add.getByLabel('Surname (in Cyrillic)').fill(CHILD.surname);
    await add.getByLabel('Date of birth').fill('2030-04-01');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.getByRole('alert')).toContainText('The date of birth cannot be in the future.');
    await expect(add.getByLabel('Date of birth')).toHaveAttribute('aria-invalid', 'true');
    await expect(add.getByLabel('Surname (in Cyrillic)')).toHaveValue(CHILD.surname);
    await check(page, 'add a member (refused)');
    await page.getByRole('link', { name: '← Family members' }).click();
  });

  await test.step('add the spouse (with IIN) and the child (without), each on a page of their own', async () => {
    await addFamily(page);
    await check(page, 'family');
    await page.getByRole('link', { name: 'Continue' }).click();
    await expect(page).toHaveURL(`${applicationUrl}/documents`);
  });

  await test.step('upload every document asked for, and replace one', async () => {
    expect(await uploadDocuments(page, applicationUrl)).toEqual(ASSIGNMENT_DOCUMENTS);
    const history = page.getByRole('region', { name: 'Personal history (in any form)' });
    await history.locator('summary').click();
    await history.getByLabel('Choose a file to put in place of “doc.pdf”').setInputFiles({
      name: 'history-signed.pdf', mimeType: 'application/pdf', buffer: PDF,
    });
    await history.getByRole('button', { name: 'Replace the file' }).click();
    await expect(page.getByRole('heading', { name: 'There is a problem' })).toHaveCount(0);
    await expect(history.getByText('✓ history-signed.pdf')).toBeVisible();
    await expect(history.getByText('✓ doc.pdf')).toHaveCount(0);
    await check(page, 'documents');
    // A file over the stated limit is refused by name at its field, the rest of the page kept.
    await history.getByLabel('Add another file').setInputFiles({
      name: 'big-scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(12 * 1024 * 1024, 0x20),
    });
    await history.getByRole('button', { name: 'Upload', exact: true }).click();
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('The file “big-scan.pdf” is too large.');
    await expect(summary.getByRole('link')).toHaveAttribute('href', '#file-personal_history');
    await expect(history.getByLabel('Add another file')).toHaveAttribute('aria-invalid', 'true');
    await expect(history.getByText('✓ history-signed.pdf')).toBeVisible();
    await check(page, 'documents (file too large)');
  });

  await test.step('check the answers, change one through its Change link', async () => {
    await openReview(page);
    const child = page.getByRole('region', { name: `${CHILD.surname} ${CHILD.givenName}` });
    await expect(child).toContainText('Child');
    await expect(child).toContainText(CHILD.documentNumber);
    await expect(page.getByText(`Identity document — ${CHILD.surname} ${CHILD.givenName}`)).toBeVisible();
    await check(page, 'check your answers');
    await page.getByRole('link', { name: 'Change — About you' }).click();
    const about = page.getByRole('group', { name: 'About you' });
    await about.getByLabel('Profession').fill('Инженер-строитель');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page).toHaveURL(`${applicationUrl}/review`);
    await expect(page.getByRole('region', { name: 'About you' })).toContainText('Инженер-строитель');
  });

  await test.step('get the code; a wrong one is shown at the field with the tries left; sign', async () => {
    const before = await snapshot(page.request);
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect(page).toHaveURL(/\/sign\?phone=/);
    const right = await codeAfter(page.request, before, await maskedPhone(page));
    const wrong = right === '000000' ? '111111' : '000000';
    await page.getByLabel('Code from the SMS').fill(wrong);
    await page.getByRole('button', { name: 'Sign and send' }).click();
    const field = page.getByLabel('Code from the SMS');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#code-error')).toHaveText('The code is wrong. Check it and try again. 2 tries are left.');
    await expect(page.getByRole('alert')).toContainText('Code from the SMS: The code is wrong.');
    await check(page, 'code (wrong)');
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
