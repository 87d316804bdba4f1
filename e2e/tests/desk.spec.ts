// The State Corporation desk through the pages, as the operator does it: find the applicant by
// IIN, take a paper assignment in (form, family, scans, originals and copies), accept it with the
// applicant's paper signature, print the receipt; the Astana officer takes it from the queue,
// where the case shows its channel, through the review, and the head signs the assignment off;
// the operator prints the result and records its hand-over; anyone can check the certificate.
// axe-core checks every desk page on the way.
//
// The paper signature keeps the demo applicant's SMS code budget for the other journeys.
import { test, expect, type APIRequestContext, type Page } from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import { APPLICANT, OFFICER, PDF, signIn } from './support';
import { ADDRESS, CHILD, SPOUSE, addMember } from './journey';
import { HEAD, acceptComplete, proposeAssignment, recordProtocol, signOff } from './review';

/** The State Corporation operator in Astana. */
const OPERATOR = '881115300022';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);

/** axe on the page: no serious or critical violation of the WCAG 2.x A/AA rules. */
async function audit(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.passes.length, 'rules axe passed').toBeGreaterThan(10);
  console.log(`axe ${name}: ${results.passes.length} rules passed, ${results.violations.length} violated, ` +
    `${results.incomplete.length} need review (${results.incomplete.map((r) => `${r.id}/${r.impact}`).join(', ')})`);
  const where = (v: { nodes: { target: unknown[] }[] }) => v.nodes.map((n) => n.target.join(' ')).join(', ');
  for (const v of results.violations) console.log(`axe ${name}: ${v.id} (${v.impact}) — ${v.help}: ${where(v)}`);
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  expect(blocking.map((v) => `${v.id}: ${v.help} (${where(v)})`), `violations on ${name}`).toEqual([]);
}

/** A PDF the page links to, fetched with the page's session: answers its size. */
async function pdfBehind(page: Page, request: APIRequestContext, link: string): Promise<number> {
  const href = await page.getByRole('link', { name: link }).getAttribute('href');
  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const response = await request.get(href!, { headers: { cookie: cookies } });
  expect(response.status(), `${link}: ${href}`).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  const body = await response.body();
  expect(body.subarray(0, 5).toString()).toBe('%PDF-');
  return body.length;
}

/** Ticks every box labelled `label` on the page. */
async function tickAll(page: Page, label: string | RegExp) {
  for (const box of await page.getByLabel(label).all()) await box.check();
}

test('the operator takes a paper application in and hands the result over', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const operator = await (await browser.newContext()).newPage();
  const officer = await (await browser.newContext()).newPage();
  const head = await (await browser.newContext()).newPage();

  await test.step('the operator starts a case by the applicant\'s IIN', async () => {
    await signIn(operator, OPERATOR);
    await operator.getByRole('banner').getByRole('link', { name: 'Desk' }).click();
    await expect(operator.getByRole('heading', { level: 1, name: 'Desk' })).toBeVisible();
    await audit(operator, 'desk home');
    await operator.getByLabel('IIN (individual identification number)').fill(APPLICANT);
    await operator.getByRole('button', { name: 'Start an application for assignment' }).click();
    await expect(operator).toHaveURL(/\/desk\/applications\/[^/]+$/);
    // The registries name the person: the desk reads nobody without a case.
    await expect(operator.getByText('Серікбаев Ерлан Маратұлы').first()).toBeVisible();
  });

  const number = await test.step('fills the form as dictated', async () => {
    const title = operator.getByRole('heading', { level: 1 });
    await expect(title).toHaveText(/^Application KND-/);
    const caseUrl = operator.url();
    await operator.getByRole('link', { name: 'Fill in the form and the family members' }).click();
    const about = operator.getByRole('group', { name: 'About the applicant' });
    await about.getByLabel('Region of settlement').selectOption({ label: 'Astana' });
    await about.getByLabel('Country of origin').selectOption({ label: 'China' });
    await about.getByLabel('Education').selectOption({ label: 'Higher' });
    await about.getByLabel('Profession').fill('Инженер');
    await about.getByLabel('Address').fill(ADDRESS);
    await audit(operator, 'desk form');
    await operator.getByRole('button', { name: 'Save and continue' }).click();
    // The next step is the family, each member on a page of their own.
    await expect(operator).toHaveURL(`${caseUrl}/form/members`);
    await addMember(operator, SPOUSE);
    await addMember(operator, CHILD);
    await audit(operator, 'desk family');
    await operator.getByRole('link', { name: 'Continue' }).click();
    await expect(operator).toHaveURL(`${caseUrl}#documents`);
    return /KND-[\w-]+/.exec((await title.textContent()) ?? '')![0];
  });

  await test.step('scans every document presented and marks the originals', async () => {
    for (;;) {
      const upload = operator.getByRole('button', { name: 'Upload' });
      if ((await upload.count()) === 0) break;
      const section = operator.locator('section').filter({ has: upload }).first();
      await section.getByLabel(/^Scan file/).setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: PDF });
      await section.getByRole('button', { name: 'Upload' }).click();
      await expect(operator.getByRole('heading', { name: 'There is a problem' })).toHaveCount(0);
    }
    await expect(operator.getByText('✓ scan.pdf')).toHaveCount(3);
    await expect(operator.getByText(/^obtained from the population registry/)).toHaveCount(2);
    await expect(operator.getByRole('button', { name: 'Refuse to accept' })).toBeVisible();
    await audit(operator, 'desk case (draft)');
    await tickAll(operator, 'Original shown');
    await tickAll(operator, 'Copy taken');
    await tickAll(operator, /^Notarized translation/);
    await tickAll(operator, 'Original returned to the applicant');
    await expect(operator.getByText('Original kept with the case (not returned).')).toBeVisible();
    await operator.getByRole('button', { name: 'Save the marks' }).click();
    await expect(operator.getByText('Nothing is missing: the package can be accepted.')).toBeVisible();
    await expect(operator.getByRole('button', { name: 'Refuse to accept' })).toHaveCount(0);
  });

  await test.step('accepts it signed on paper and prints the receipt', async () => {
    await operator.getByRole('button', { name: 'The applicant signed the paper application: accept' }).click();
    await expect(operator.getByText('Registered', { exact: true })).toBeVisible();
    expect(await pdfBehind(operator, request, 'Print the receipt')).toBeGreaterThan(1000);
    await audit(operator, 'desk case (accepted)');
  });

  const certificate = await test.step('the officer sees the channel in the queue, reviews, and the head signs off', async () => {
    await signIn(officer, OFFICER);
    await officer.goto('/staff');
    const row = officer.getByRole('row').filter({ hasText: number });
    await expect(row).toContainText('State Corporation office');
    await row.getByRole('link', { name: number }).click();
    await acceptComplete(officer);
    await recordProtocol(officer);
    await proposeAssignment(officer);
    await signIn(head, HEAD);
    return signOff(head, number);
  });

  await test.step('the operator prints the result and records the hand-over', async () => {
    await operator.goto('/desk');
    const ready = operator.getByRole('table', { name: 'Results ready for issue' });
    await ready.getByRole('link', { name: number }).click();
    await expect(operator.getByText('Ready for issue', { exact: true })).toBeVisible();
    expect(await pdfBehind(operator, request, 'Open the result to print')).toBeGreaterThan(1000);
    await operator.getByLabel("Recipient's IIN").fill(APPLICANT);
    await operator.getByLabel('Name as on the identity document').fill('Серікбаев Ерлан');
    await operator.getByLabel('Identity document', { exact: true }).fill('passport N1234567');
    await operator.getByRole('button', { name: 'Record the issue' }).click();
    await expect(operator.getByRole('alert')).toContainText('Check the recipient');
    await expect(operator.getByLabel('Name as on the identity document')).toHaveValue('Серікбаев Ерлан');
    await operator.getByLabel(/^I checked the identity document/).check();
    await operator.getByRole('button', { name: 'Record the issue' }).click();
    const issues = operator.getByRole('table', { name: 'Hand-overs of the result' });
    await expect(issues).toContainText('passport N1234567');
    // The hand-over closes the case: it says issued, and no form is left to fill in.
    await expect(operator.getByText('Issued', { exact: true }).first()).toBeVisible();
    await expect(operator.getByText('Ready for issue', { exact: true })).toHaveCount(0);
    await expect(operator.getByRole('button', { name: 'Record the issue' })).toHaveCount(0);
    await audit(operator, 'desk case (issued)');
  });

  await test.step('anyone checks the certificate', async () => {
    const anyone = await (await browser.newContext()).newPage();
    await anyone.goto(`/certificates/${certificate}`);
    await expect(anyone.getByRole('heading', { level: 1, name: `Kandas certificate No. ${certificate}` })).toBeVisible();
    await expect(anyone.getByText('Valid', { exact: true })).toBeVisible();
    await expect(anyone.getByText('9001******11')).toBeVisible();
    await audit(anyone, 'certificate');
    await anyone.context().close();
  });

  await operator.context().close();
  await officer.context().close();
  await head.context().close();
});
