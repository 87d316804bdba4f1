// Signing with EDS through NCALayer, which run.sh stands in for with `kandas dev-ncalayer` on
// wss://127.0.0.1:13579 (the demo applicant's development keys, a self-signed TLS certificate the
// contexts here accept). The pages' ncalayer.js asks it for a CMS and posts it: sign in with the
// authentication key, sign an application with the signing key; and when NCALayer does not
// answer, the page says so in the person's language and the SMS way still works.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page, type WebSocketRoute } from './fixtures';
import { APPLICANT, OFFICER, OTHER_APPLICANT, PASSWORD, enterCode, signIn, snapshot } from './support';
import { ASSIGNMENT_DOCUMENTS, addFamily, fillForm, openReview, orderAssignment, uploadDocuments } from './journey';

/** Where the pages look for NCALayer (hard-coded in ncalayer.js, allowed by the CSP). */
const NCALAYER = /^wss:\/\/127\.0\.0\.1:13579\/?$/;
/** Extended key usages ncalayer.js asks for: client authentication, e-mail protection (signing). */
const AUTH_EKU = '1.3.6.1.5.5.7.3.2';
const SIGN_EKU = '1.3.6.1.5.5.7.3.4';

// dev-ncalayer's certificate is self-signed: without this the TLS handshake of the page's
// WebSocket fails and ncalayer.js reports NCALayer as not running.
test.use({ ignoreHTTPSErrors: true });

/** A message of the pages in `lang`, read from the locale files (they are long and reworded). */
function message(lang: 'en' | 'kk' | 'ru', id: string): string {
  const ftl = readFileSync(join(__dirname, '..', '..', 'crates', 'i18n', 'locales', lang, 'pages.ftl'), 'utf8');
  const line = ftl.split('\n').find((l) => l.startsWith(`${id} = `));
  if (!line) throw new Error(`no ${id} message in ${lang}/pages.ftl`);
  return line.slice(`${id} = `.length).trim();
}

interface NcalayerRequest {
  module: string;
  method: string;
  args: {
    format: string;
    data: string;
    signingParams: { decode: boolean; encapsulate: boolean };
    signerParams: { extKeyUsageOids: string[] };
  };
}

/** Records what the page sends to NCALayer and what NCALayer answers. */
function recordNcalayer(page: Page) {
  const seen = { urls: [] as string[], sent: [] as NcalayerRequest[], received: [] as unknown[] };
  page.on('websocket', (ws) => {
    if (!NCALAYER.test(ws.url())) return;
    seen.urls.push(ws.url());
    ws.on('framesent', (f) => seen.sent.push(JSON.parse(String(f.payload))));
    ws.on('framereceived', (f) => seen.received.push(JSON.parse(String(f.payload))));
  });
  return seen;
}

/** Makes the page's connections to NCALayer fail before they open, as when it is not running. */
async function ncalayerDown(page: Page) {
  await page.routeWebSocket(NCALAYER, (ws: WebSocketRoute) => {
    // Never connected to dev-ncalayer: the page sees a close without an open (code 1006, as a
    // refused connection gives).
    void ws.close({ code: 1006, reason: 'connection refused' });
  });
}

/** The session cookie, which the API takes as a bearer token. */
async function bearer(page: Page): Promise<{ authorization: string }> {
  const session = (await page.context().cookies()).find((c) => c.name === 'kandas_session');
  expect(session, 'the session cookie').toBeDefined();
  return { authorization: `Bearer ${session!.value}` };
}

/** On /login: the EDS form, its button enabled by ncalayer.js, and the document it will sign. */
async function edsLoginForm(page: Page) {
  const eds = page.getByRole('region', { name: 'Sign in with EDS' });
  const button = eds.getByRole('button', { name: 'Sign in with EDS' });
  await expect(button, 'ncalayer.js enables the button').toBeEnabled();
  const document = await eds.locator('form[data-ncalayer="auth"]').getAttribute('data-document');
  return { eds, button, document: document! };
}

/** Signs in on /login with EDS (dev-ncalayer signs the nonce); ends on the cabinet. */
async function signInWithEds(page: Page) {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to the portal' })).toBeVisible();
  const { button, document } = await edsLoginForm(page);
  await button.click();
  await expect(page).toHaveURL(/\/cabinet$/);
  await expect(page.getByRole('heading', { level: 1, name: 'History of obtained services' })).toBeVisible();
  return document;
}

test('the applicant signs in with EDS: NCALayer signs the nonce with the authentication key', async ({ page }) => {
  const ncalayer = recordNcalayer(page);
  const before = await snapshot(page.request);

  const document = await test.step('"Sign in with EDS" on /login lands in the cabinet', () => signInWithEds(page));

  await test.step('NCALayer was asked for a detached CMS over the nonce with the authentication key', async () => {
    expect(ncalayer.urls).toHaveLength(1);
    expect(ncalayer.sent).toHaveLength(1);
    const [request] = ncalayer.sent;
    expect(request.module).toBe('kz.gov.pki.knca.basics');
    expect(request.method).toBe('sign');
    expect(request.args.format).toBe('cms');
    expect(request.args.data).toBe(document);
    expect(request.args.signingParams).toMatchObject({ decode: true, encapsulate: false });
    expect(request.args.signerParams.extKeyUsageOids).toEqual([AUTH_EKU]);
    expect(ncalayer.received).toContainEqual(expect.objectContaining({ status: true }));
  });

  await test.step('the session is the demo applicant\'s, and no SMS code was sent', async () => {
    const me = await page.request.get('/api/v1/me', { headers: await bearer(page) });
    expect(me.status(), await me.text()).toBe(200);
    expect((await me.json()).iin).toBe(APPLICANT);
    expect([...(await snapshot(page.request))].filter((s) => !before.has(s))).toEqual([]);
  });
});

test('the applicant signs an application with EDS; the officer sees it signed with eds', async ({ browser }) => {
  const applicantContext = await browser.newContext({ ignoreHTTPSErrors: true });
  const officerContext = await browser.newContext();
  const page = await applicantContext.newPage();
  const officer = await officerContext.newPage();
  const ncalayer = recordNcalayer(page);

  await test.step('sign in with EDS (no SMS code)', () => signInWithEds(page));
  const number = await test.step('order the assignment', () => orderAssignment(page));
  const applicationUrl = page.url();
  const id = new URL(applicationUrl).pathname.split('/').pop()!;
  await test.step('fill in the form and add the family', async () => {
    await fillForm(page, applicationUrl);
    await addFamily(page);
  });
  await test.step('upload every document asked for', async () => {
    expect(await uploadDocuments(page, applicationUrl)).toEqual(ASSIGNMENT_DOCUMENTS);
  });
  await test.step('check the answers', () => openReview(page));
  const reviewUrl = page.url();

  await test.step('with NCALayer not answering (another tab), the review page says so and SMS stays', async () => {
    const other = await applicantContext.newPage();
    await ncalayerDown(other);
    await other.goto(reviewUrl);
    const eds = other.getByRole('region', { name: 'Sign with EDS (NCALayer)' });
    await eds.getByRole('button', { name: 'Sign with EDS (NCALayer)' }).click();
    await expect(eds.getByRole('status')).toHaveText(message('en', 'eds-js-not-running'));
    await expect(eds.getByRole('button', { name: 'Sign with EDS (NCALayer)' })).toBeEnabled();
    await expect(other).toHaveURL(reviewUrl);
    await expect(other.getByRole('button', { name: 'Send code' })).toBeEnabled();
    await other.close();
  });

  await test.step('sign with EDS on the review page', async () => {
    const eds = page.getByRole('region', { name: 'Sign with EDS (NCALayer)' });
    const button = eds.getByRole('button', { name: 'Sign with EDS (NCALayer)' });
    await expect(button, 'ncalayer.js enables the button').toBeEnabled();
    const document = await eds.locator('form[data-ncalayer="sign"]').getAttribute('data-document');
    const asked = ncalayer.sent.length;
    await button.click();
    await expect(page).toHaveURL(/\/done$/);
    const request = ncalayer.sent[asked];
    expect(request.args.data).toBe(document);
    expect(request.args.signerParams.extKeyUsageOids).toEqual([SIGN_EKU]);
  });

  await test.step('the confirmation shows the number', async () => {
    await expect(page.getByRole('heading', { level: 1, name: 'Application sent' })).toBeVisible();
    await expect(page.getByText('Your application number')).toContainText(number);
  });

  await test.step('the applicant\'s cabinet lists it registered', async () => {
    await page.getByRole('main').getByRole('link', { name: 'History of obtained services' }).click();
    const row = page.getByRole('row').filter({ hasText: number });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell').nth(2)).toHaveText('Registered');
  });

  await test.step('the officer finds it in the queue, and the case says it was signed with eds', async () => {
    await signIn(officer, OFFICER);
    await officer.goto('/staff');
    const row = officer.getByRole('row').filter({ hasText: number });
    await expect(row).toHaveCount(1);
    await row.getByRole('link', { name: number }).click();
    await expect(officer.getByRole('heading', { level: 1, name: `Application ${number}` })).toBeVisible();
    await expect(officer.getByText('Registered', { exact: true })).toBeVisible();
    await expect(officer.getByRole('heading', { level: 2, name: 'Signature' })).toBeVisible();
    await expect(officer.getByRole('definition').filter({ hasText: 'with an electronic digital signature' })).toHaveCount(1);

    const response = await officer.request.get(`/api/v1/staff/applications/${id}`, { headers: await bearer(officer) });
    expect(response.status(), await response.text()).toBe(200);
    const view = await response.json();
    expect(view.number).toBe(number);
    expect(view.status).toBe('registered');
    expect(view.signature?.method).toBe('eds');
    expect(view.signature.detail.cms).toBeTruthy();
    expect(view.signature.detail.certificate).toBeTruthy();
  });

  await applicantContext.close();
  await officerContext.close();
});

test('when NCALayer does not answer, the EDS button says so (translated) and SMS sign-in works', async ({ page }) => {
  await ncalayerDown(page);
  await page.goto('/login');
  const { eds, button } = await edsLoginForm(page);

  await test.step('the message, in English', async () => {
    await button.click();
    await expect(eds.getByRole('status')).toHaveText(message('en', 'eds-js-not-running'));
    await expect(button).toBeEnabled();
    await expect(page).toHaveURL(/\/login$/);
  });

  await test.step('and in Kazakh', async () => {
    await page.getByRole('navigation', { name: 'Choose language' }).getByRole('link', { name: 'Қазақша' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
    const form = page.locator('form[data-ncalayer="auth"]');
    const kkButton = form.getByRole('button');
    await expect(kkButton).toBeEnabled();
    await kkButton.click();
    await expect(form.getByRole('status')).toHaveText(message('kk', 'eds-js-not-running'));
    await page.getByRole('navigation', { name: 'Тілді таңдау' }).getByRole('link', { name: 'English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });

  await test.step('the IIN, password and SMS code still sign in on the same page', async () => {
    await button.click();
    await expect(eds.getByRole('status')).toHaveText(message('en', 'eds-js-not-running'));
    await page.getByLabel('IIN (individual identification number)').fill(OTHER_APPLICANT);
    await page.getByLabel('Password').fill(PASSWORD);
    const before = await snapshot(page.request);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/\/login\/confirm\?c=/);
    await enterCode(page, page.request, before, 'Confirm');
    await expect(page).toHaveURL(/\/cabinet$/);
    await expect(page.getByRole('heading', { level: 1, name: 'History of obtained services' })).toBeVisible();
  });
});
