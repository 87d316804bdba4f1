// Closing a case, through the pages: an applicant withdraws a submitted application before the
// decision (the confirmation says what it means; the case says withdrawn, with its timeline
// line), and an online applicant's certificate is printed and handed over at a State
// Corporation desk that did not take the case in (found by number, identity document recorded;
// the case then says issued). axe-core checks every page on the way.
//
// The applications are submitted and decided through the JSON API (the applicant's form pages and
// the officer's pages have journeys of their own), then closed through the pages. Each test first
// moves the development server's clock a quarter of an hour on: the demo people's one-time codes
// (5 per 15 minutes each) are then theirs again, whatever the journeys before used.
import { request as requests, type APIRequestContext } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { test, expect, type Page } from './fixtures';
import { HEAD } from './review';
import { OFFICER, OTHER_APPLICANT, PASSWORD, codeAfter, signIn, snapshot } from './support';

/** The State Corporation operator in Astana: the extension below is filed online, not at a desk. */
const OPERATOR = '881115300022';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe on the page: no serious or critical violation of the WCAG 2.x A/AA rules. */
async function audit(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(results.passes.length, 'rules axe passed').toBeGreaterThan(10);
  const where = (v: { nodes: { target: unknown[] }[] }) => v.nodes.map((n) => n.target.join(' ')).join(', ');
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${v.id}: ${v.help} (${where(v)})`), `violations on ${name}`).toEqual([]);
}

/** A quarter of an hour later on the server: every one-time-code budget is whole again. */
async function freshCodeBudgets(api: APIRequestContext) {
  const moved = await api.post('/dev/clock', { data: { advance_seconds: 16 * 60 } });
  expect(moved.status(), 'POST /dev/clock').toBe(200);
}

/** A client of the JSON API signed in as `iin` (IIN, password, the SMS code from /dev/sms). */
async function apiAs(baseURL: string, iin: string): Promise<APIRequestContext> {
  const anonymous = await requests.newContext({ baseURL });
  const before = await snapshot(anonymous);
  const login = await anonymous.post('/api/v1/auth/login', { data: { iin, password: PASSWORD } });
  expect(login.status(), `login ${iin}`).toBe(200);
  const { challenge_id } = await login.json();
  const code = await codeAfter(anonymous, before);
  const confirmed = await anonymous.post('/api/v1/auth/login/confirm', { data: { challenge_id, code } });
  expect(confirmed.status(), `login code ${iin}`).toBe(200);
  const { token } = await confirmed.json();
  await anonymous.dispose();
  return requests.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
}

/** JSON of a call that must answer `status`. */
async function json(answer: Promise<import('@playwright/test').APIResponse>, status: number, what: string) {
  const response = await answer;
  const body = await response.text();
  expect(response.status(), `${what}: ${body}`).toBe(status);
  return JSON.parse(body);
}

/** The extension applicant files an extension online and signs it by SMS code: answers id and number. */
async function submitExtension(applicant: APIRequestContext): Promise<{ id: string; number: string }> {
  const draft = await json(applicant.post('/api/v1/applications', { data: { kind: 'extension' } }), 201, 'order');
  const form = { region: 'astana', country_of_origin: 'MNG', education: 'higher',
    address: 'г. Астана, ул. Сарыарка, 5', members: [] };
  const saved = await json(
    applicant.put(`/api/v1/applications/${draft.id}/form`, { data: { version: draft.version, form } }), 200, 'form');
  expect(saved.status).toBe('draft');
  const before = await snapshot(applicant);
  await json(applicant.post(`/api/v1/applications/${draft.id}/sign/sms`), 202, 'send the signing code');
  const code = await codeAfter(applicant, before);
  const signed = await json(
    applicant.post(`/api/v1/applications/${draft.id}/sign/sms/confirm`, { data: { code } }), 200, 'sign');
  expect(signed.status).toBe('registered');
  return { id: draft.id, number: draft.number };
}

test('an applicant withdraws a submitted application before the decision', async ({ page, request, baseURL }) => {
  test.setTimeout(90_000);
  await freshCodeBudgets(request);
  const applicant = await apiAs(baseURL!, OTHER_APPLICANT);
  const { id, number } = await submitExtension(applicant);

  await test.step('the application page offers the withdrawal, the confirmation says what it means', async () => {
    await signIn(page, OTHER_APPLICANT);
    await page.getByRole('link', { name: number }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Application ${number}` })).toBeVisible();
    await page.getByRole('link', { name: 'Withdraw the application' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Withdraw application ${number}?` })).toBeVisible();
    await expect(page.getByText('stops considering it')).toBeVisible();
    await expect(page.getByText('it cannot be undone')).toBeVisible();
    await audit(page, 'withdraw confirmation');
  });

  await test.step('withdrawn: the status, the timeline, the notice; no second withdrawal', async () => {
    await page.getByRole('button', { name: 'Yes, withdraw the application' }).click();
    await expect(page).toHaveURL(new RegExp(`/applications/${id}$`));
    await expect(page.getByText('Withdrawn', { exact: true })).toBeVisible();
    await expect(page.getByText('Application withdrawn')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Withdraw the application' })).toHaveCount(0);
    await audit(page, 'withdrawn application');
    await expect
      .poll(async () => {
        const notes = await json(applicant.get('/api/v1/notifications'), 200, 'notifications');
        return notes.some((n: { notice: { notice: string } }) => n.notice.notice === 'withdrawn');
      }, { message: 'the withdrawal notice', timeout: 15_000 })
      .toBe(true);
    const again = await applicant.post(`/api/v1/applications/${id}/withdraw`, { data: {} });
    expect(again.status()).toBe(409);
    expect((await again.json()).error.code).toBe('application.not-withdrawable');
  });
  await applicant.dispose();
});

test('an online applicant gets the certificate printed at a State Corporation desk', async ({ browser, request, baseURL }) => {
  test.setTimeout(120_000);
  await freshCodeBudgets(request);
  const applicant = await apiAs(baseURL!, OTHER_APPLICANT);
  const { id, number } = await submitExtension(applicant);

  await test.step('the office decides the extension and the head signs it off (API)', async () => {
    const officer = await apiAs(baseURL!, OFFICER);
    const staff = `/api/v1/staff/applications/${id}`;
    let c = await json(officer.get(staff), 200, 'the case');
    c = await json(officer.post(`${staff}/completeness`, { data: { complete: true, version: c.version } }), 200, 'complete');
    c = await json(officer.post(`${staff}/decision`, { data: { outcome: 'extend', version: c.version } }), 200, 'propose');
    const head = await apiAs(baseURL!, HEAD);
    c = await json(head.post(`${staff}/sign-off`, { data: { version: c.version } }), 200, 'sign off');
    expect(c.status).toBe('extended');
    await officer.dispose();
    await head.dispose();
  });

  const operator = await (await browser.newContext()).newPage();
  await test.step('the operator finds the online case by its number', async () => {
    await signIn(operator, OPERATOR);
    await operator.getByRole('link', { name: 'Find a case to print its result' }).click();
    await expect(operator.getByRole('heading', { level: 1, name: 'Certificates and decisions of any case' })).toBeVisible();
    await audit(operator, 'desk results search');
    await operator.getByLabel('Application number, certificate number or the holder\'s IIN').fill(number);
    await operator.getByRole('button', { name: 'Find' }).click();
    await expect(operator.getByRole('heading', { level: 2, name: 'Cases found' })).toBeVisible();
    await audit(operator, 'desk results found');
    await operator.getByRole('link', { name: number }).click();
    await expect(operator.getByRole('heading', { level: 1, name: `Application ${number}` })).toBeVisible();
    await expect(operator.getByText('Portal (online)')).toBeVisible();
    await expect(operator.getByText('hand the result only to the holder')).toBeVisible();
    await audit(operator, 'desk result');
  });

  await test.step('prints the decision and hands it to the holder, identity document recorded', async () => {
    const href = await operator.getByRole('link', { name: 'Open the result to print' }).getAttribute('href');
    const cookies = (await operator.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const printed = await request.get(href!, { headers: { cookie: cookies } });
    expect(printed.status()).toBe(200);
    expect(printed.headers()['content-type']).toBe('application/pdf');
    await operator.getByLabel("Recipient's IIN").fill('900101300811');
    await operator.getByLabel('Name as on the identity document').fill('Серікбаев Ерлан');
    await operator.getByLabel('Identity document', { exact: true }).fill('passport N1234567');
    await operator.getByLabel(/^I checked the identity document/).check();
    await operator.getByRole('button', { name: 'Record the issue' }).click();
    await expect(operator.getByRole('alert')).toContainText('only to the holder');
    await audit(operator, 'desk result (not the holder)');
    await operator.getByLabel("Recipient's IIN").fill(OTHER_APPLICANT);
    await operator.getByLabel('Name as on the identity document').fill('Сейтова Дана');
    await operator.getByLabel('Identity document', { exact: true }).fill('passport N7654321');
    await operator.getByLabel(/^I checked the identity document/).check();
    await operator.getByRole('button', { name: 'Record the issue' }).click();
    const issues = operator.getByRole('table', { name: 'Hand-overs of the result' });
    await expect(issues).toContainText('passport N7654321');
    await expect(operator.getByText('Issued', { exact: true })).toBeVisible();
    await audit(operator, 'desk result (issued)');
  });

  await test.step('the holder is told, and the timeline says so', async () => {
    await expect
      .poll(async () => {
        const notes = await json(applicant.get('/api/v1/notifications'), 200, 'notifications');
        return notes.some((n: { notice: { notice: string } }) => n.notice.notice === 'result_issued');
      }, { message: 'the hand-over notice', timeout: 15_000 })
      .toBe(true);
    const view = await json(applicant.get(`/api/v1/applications/${id}`), 200, 'the case');
    expect(JSON.stringify(view.timeline)).toContain('desk-issue-result');
  });
  await operator.context().close();
  await applicant.dispose();
});
