// The applicant's whole journey through the pages, as a person does it: sign in, order the
// assignment, fill in the form and the family, upload the documents, check, sign with the SMS
// code, and find the application registered in "History of obtained services".
import { test, expect, type Page } from '@playwright/test';
import { APPLICANT, PDF, enterCode, signIn, snapshot } from './support';

const ADDRESS = 'г. Астана, ул. Кенесары, 1';
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
/** "Decision due by 26 November 2026": the date written out, never 2026-11-26. */
const DUE = new RegExp(`Decision due by \\d{1,2} (?:${MONTHS}) \\d{4}`);

interface Member {
  relationship: string;
  surname: string;
  givenName: string;
  surnameLatin: string;
  givenNameLatin: string;
  birthDate: string;
  citizenship: string;
  iin: string;
  documentKind: string;
  documentNumber: string;
  issuedBy: string;
}

const SPOUSE: Member = {
  relationship: 'Spouse',
  surname: 'Серікбаева',
  givenName: 'Айгүл',
  surnameLatin: 'SERIKBAYEVA',
  givenNameLatin: 'AIGUL',
  birthDate: '1992-03-05',
  citizenship: 'China',
  iin: '920305400125',
  documentKind: 'Passport',
  documentNumber: 'E1234567',
  issuedBy: 'PRC',
};

const CHILD: Member = {
  relationship: 'Child',
  surname: 'Ерланұлы',
  givenName: 'Алихан',
  surnameLatin: 'YERLANULY',
  givenNameLatin: 'ALIKHAN',
  birthDate: '2019-04-01',
  citizenship: 'China',
  iin: '',
  documentKind: 'Birth certificate',
  documentNumber: 'B7654321',
  issuedBy: 'PRC',
};

async function addMember(page: Page, m: Member) {
  const add = page.getByRole('group', { name: 'Add a family member' });
  await add.getByLabel('Relationship').selectOption({ label: m.relationship });
  await add.getByLabel('Surname (in Cyrillic)').fill(m.surname);
  await add.getByLabel('Given name (in Cyrillic)').fill(m.givenName);
  await add.getByLabel('Surname (in Latin letters)').fill(m.surnameLatin);
  await add.getByLabel('Given name (in Latin letters)').fill(m.givenNameLatin);
  await add.getByLabel('Date of birth').fill(m.birthDate);
  await add.getByLabel('Citizenship').selectOption({ label: m.citizenship });
  await add.getByLabel('IIN (if any)').fill(m.iin);
  await add.getByLabel('Type of document').selectOption({ label: m.documentKind });
  await add.getByLabel('Document number').fill(m.documentNumber);
  await add.getByLabel('Issued by').fill(m.issuedBy);
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page).toHaveURL(/\/form#members$/);
  await expect(page.getByRole('heading', { name: 'There is a problem' })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: m.givenName })).toContainText(m.relationship);
}

test('the applicant orders, fills in, signs and sees the application registered', async ({ page }) => {
  await test.step('sign in with IIN, password and the SMS code', async () => {
    await signIn(page, APPLICANT);
  });

  const number = await test.step('order the assignment', async () => {
    await page.getByRole('button', { name: 'Order service online' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Which service do you need?' })).toBeVisible();
    await page.getByLabel('Assignment of kandas status').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/applications\/[^/]+$/);
    const title = page.getByRole('heading', { level: 1 });
    await expect(title).toHaveText(/^Application KND-/);
    await expect(page.getByText('Draft', { exact: true })).toBeVisible();
    return /KND-[\w-]+/.exec((await title.textContent()) ?? '')![0];
  });
  const applicationUrl = page.url();

  await test.step('fill in the form', async () => {
    await page.getByRole('link', { name: 'Application form and family members' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Application form' })).toBeVisible();
    const about = page.getByRole('group', { name: 'About you' });
    await about.getByLabel('Region of settlement').selectOption({ label: 'Astana' });
    await about.getByLabel('Country of origin').selectOption({ label: 'China' });
    await about.getByLabel('Education').selectOption({ label: 'Higher' });
    await about.getByLabel('Profession').fill('Инженер');
    await about.getByLabel('Address').fill(ADDRESS);
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page).toHaveURL(applicationUrl);
  });

  await test.step('add the spouse (with IIN) and the child (without)', async () => {
    await page.getByRole('link', { name: 'Application form and family members' }).click();
    await expect(page.getByText('No family members added.')).toBeVisible();
    await addMember(page, SPOUSE);
    await addMember(page, CHILD);
    // The answers saved before are still there.
    const about = page.getByRole('group', { name: 'About you' });
    await expect(about.getByLabel('Region of settlement')).toHaveValue('astana');
    await expect(about.getByLabel('Address')).toHaveValue(ADDRESS);
  });

  await test.step('upload every document asked for', async () => {
    await page.goto(applicationUrl);
    await page.getByRole('link', { name: 'Upload documents' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
    const uploaded: string[] = [];
    for (;;) {
      const upload = page.getByRole('button', { name: 'Upload' });
      if ((await upload.count()) === 0) break;
      expect(uploaded.length, 'the upload forms never go away').toBeLessThan(5);
      // The first document still asked for: its heading, its file field, its button.
      const section = page.locator('section').filter({ has: upload }).first();
      uploaded.push((await section.getByRole('heading', { level: 2 }).textContent())!.trim());
      await section.getByLabel('Choose a file').setInputFiles({ name: 'doc.pdf', mimeType: 'application/pdf', buffer: PDF });
      await section.getByRole('button', { name: 'Upload' }).click();
      await expect(page).toHaveURL(/\/documents$/);
      await expect(page.getByRole('heading', { name: 'There is a problem' })).toHaveCount(0);
    }
    expect(uploaded.sort()).toEqual([
      'Document proving nationality',
      'Identity document — Ерланұлы Алихан',
      'Personal history (in any form)',
    ]);
    await expect(page.getByText('✓ doc.pdf')).toHaveCount(3);
  });

  await test.step('check the answers, get the code and sign', async () => {
    await page.getByRole('link', { name: 'Check your answers and sign' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();
    const summary = page.locator('dl.summary');
    for (const answer of ['Astana', 'China', 'Higher', 'Инженер', ADDRESS]) {
      await expect(summary).toContainText(answer);
    }
    await expect(page.getByText('Not started')).toHaveCount(0);
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
