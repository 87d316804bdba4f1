// The applicant's steps through the pages up to the signing page, shared by the journeys that
// sign by SMS code (applicant.spec.ts) and with EDS (eds.spec.ts): order the assignment, fill
// in the form, add the family, upload every document asked for.
import { expect, type Page } from './fixtures';
import { PDF } from './support';

export const ADDRESS = 'г. Астана, ул. Кенесары, 1';

export interface Member {
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

export const SPOUSE: Member = {
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

export const CHILD: Member = {
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

/** From the cabinet: orders the assignment; ends on the draft's page and answers its number. */
export async function orderAssignment(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Order service online' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Which service do you need?' })).toBeVisible();
  await page.getByLabel('Assignment of kandas status').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/applications\/[^/]+$/);
  const title = page.getByRole('heading', { level: 1 });
  await expect(title).toHaveText(/^Application KND-/);
  await expect(page.getByText('Draft', { exact: true })).toBeVisible();
  return /KND-[\w-]+/.exec((await title.textContent()) ?? '')![0];
}

/** From the application's page: fills in step 1, "About you", and saves; ends on step 2, the
 * family (`applicationUrl` is the application's page the form hangs under). */
export async function fillForm(page: Page, applicationUrl: string) {
  await page.getByRole('link', { name: 'Application form and family members' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Application form' })).toBeVisible();
  await expect(page.getByText('Step 1 of 4')).toBeVisible();
  const about = page.getByRole('group', { name: 'About you' });
  await about.getByLabel('Region of settlement').selectOption({ label: 'Astana' });
  await about.getByLabel('Country of origin').selectOption({ label: 'China' });
  await about.getByLabel('Education').selectOption({ label: 'Higher' });
  await about.getByLabel('Profession').fill('Инженер');
  await about.getByLabel('Address').fill(ADDRESS);
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page).toHaveURL(`${applicationUrl}/form/members`);
  await expect(page.getByRole('heading', { level: 1, name: 'Family members' })).toBeVisible();
}

/** On the family step: adds one family member on its own page and checks it is listed. */
export async function addMember(page: Page, m: Member) {
  await expect(page).toHaveURL(/\/form\/members$/);
  await page.getByRole('link', { name: 'Add a family member' }).click();
  await expect(page).toHaveURL(/\/form\/members\/new$/);
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
  await page.getByRole('button', { name: 'Save and continue' }).click();
  await expect(page).toHaveURL(/\/form\/members$/);
  await expect(page.getByRole('heading', { name: 'There is a problem' })).toHaveCount(0);
  await expect(page.getByRole('listitem').filter({ hasText: m.givenName })).toContainText(m.relationship);
}

/** On the family step (after `fillForm`): adds the spouse and the child; ends on the family step. */
export async function addFamily(page: Page) {
  await expect(page.getByRole('heading', { level: 1, name: 'Family members' })).toBeVisible();
  await expect(page.getByText('No family members added.')).toBeVisible();
  await addMember(page, SPOUSE);
  await addMember(page, CHILD);
}

/** Uploads every document asked for; answers their headings, sorted. */
export async function uploadDocuments(page: Page, applicationUrl: string): Promise<string[]> {
  await page.goto(applicationUrl);
  await page.getByRole('link', { name: 'Upload documents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
  await expect(page.getByText(/^Files must be PDF or JPEG, up to 10 MB each\./)).toBeVisible();
  const uploaded: string[] = [];
  for (;;) {
    // The upload forms stay offered for more files: the documents still asked for have none.
    const pending = page.locator('section')
      .filter({ has: page.getByRole('button', { name: 'Upload', exact: true }) })
      .filter({ hasNot: page.locator('ul.files') });
    if ((await pending.count()) === 0) break;
    expect(uploaded.length, 'the documents asked for never end').toBeLessThan(5);
    // The first document still asked for: its heading, its file field, its button.
    const section = pending.first();
    uploaded.push((await section.getByRole('heading', { level: 2 }).textContent())!.trim());
    await section.getByLabel('Choose a file').setInputFiles({ name: 'doc.pdf', mimeType: 'application/pdf', buffer: PDF });
    await section.getByRole('button', { name: 'Upload', exact: true }).click();
    await expect(page).toHaveURL(/\/documents#documents-[\w-]+$/);
    await expect(page.getByRole('heading', { name: 'There is a problem' })).toHaveCount(0);
  }
  await expect(page.getByText('✓ doc.pdf')).toHaveCount(uploaded.length);
  return uploaded.sort();
}

/** The documents an assignment with the spouse (with IIN) and the child (without) asks for. */
export const ASSIGNMENT_DOCUMENTS = [
  'Document proving nationality',
  'Identity document — Ерланұлы Алихан',
  'Personal history (in any form)',
];

/** From the documents page: opens "Check your answers" and checks the form's answers are shown. */
export async function openReview(page: Page) {
  await page.getByRole('link', { name: 'Check your answers and sign' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your answers' })).toBeVisible();
  const summary = page.getByRole('region', { name: 'About you' });
  for (const answer of ['Astana', 'China', 'Higher', 'Инженер', ADDRESS]) {
    await expect(summary).toContainText(answer);
  }
  await expect(page.getByText('Not started')).toHaveCount(0);
}
