// The back office: an application registered through the JSON API (so this file stands on its
// own), found by the Astana officer in the queue at /staff and assigned on the case page; the
// applicant then sees the status and the certificate number.
import { test, expect, type APIRequestContext } from '@playwright/test';
import { APPLICANT, OFFICER, PDF, codeAfter, signIn, snapshot } from './support';

/** The form of the assignment journey: Astana, China, a spouse the registry knows, a child without IIN. */
const FORM = {
  region: 'astana',
  country_of_origin: 'CHN',
  education: 'higher',
  profession: 'Инженер',
  address: 'г. Астана, ул. Кенесары, 1',
  members: [
    {
      kinship: 'spouse', surname: 'Серікбаева', given_name: 'Айгүл', surname_latin: 'SERIKBAYEVA',
      given_name_latin: 'AIGUL', birth_date: '1992-03-05', citizenship: 'CHN', iin: '920305400125',
      document: { kind: 'passport', number: 'E1234567', issued_by: 'PRC' },
    },
    {
      kinship: 'child', surname: 'Ерланұлы', given_name: 'Алихан', surname_latin: 'YERLANULY',
      given_name_latin: 'ALIKHAN', birth_date: '2019-04-01', citizenship: 'CHN',
      document: { kind: 'birth_certificate', number: 'B7654321', issued_by: 'PRC' },
    },
  ],
};

/** Creates, fills in, attaches and signs an assignment as the applicant; answers its number. */
async function registerByApi(api: APIRequestContext, token: string): Promise<string> {
  const headers = { authorization: `Bearer ${token}` };
  const created = await api.post('/api/v1/applications', { headers, data: { kind: 'assignment' } });
  expect(created.status(), await created.text()).toBe(201);
  const { id, number, version } = await created.json();
  const path = `/api/v1/applications/${id}`;

  const saved = await api.put(`${path}/form`, { headers, data: { version, form: FORM } });
  expect(saved.status(), await saved.text()).toBe(200);
  let current: number = (await saved.json()).version;

  const view = await (await api.get(path, { headers })).json();
  const child: string = view.form.members[1].id;
  for (const [documentType, member] of [
    ['personal_history', ''],
    ['nationality_proof', ''],
    ['identity_document', child],
  ]) {
    const multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }> = {
      document_type: documentType,
      version: String(current),
      file: { name: 'doc.pdf', mimeType: 'application/pdf', buffer: PDF },
    };
    if (member) multipart.member = member;
    const uploaded = await api.post(`${path}/attachments`, { headers, multipart });
    expect(uploaded.status(), `${documentType}: ${await uploaded.text()}`).toBe(201);
    current = (await uploaded.json()).application.version;
  }

  const before = await snapshot(api);
  const started = await api.post(`${path}/sign/sms`, { headers });
  expect(started.status(), await started.text()).toBe(202);
  const code = await codeAfter(api, before, (await started.json()).phone_masked);
  const signed = await api.post(`${path}/sign/sms/confirm`, { headers, data: { code } });
  expect(signed.status(), await signed.text()).toBe(200);
  expect((await signed.json()).status).toBe('registered');
  return number;
}

test('the officer assigns the status and the applicant sees the certificate', async ({ browser, request }) => {
  const applicant = await (await browser.newContext()).newPage();
  const officer = await (await browser.newContext()).newPage();

  const number = await test.step('the applicant registers an application (pages to sign in, API for the rest)', async () => {
    await signIn(applicant, APPLICANT);
    // The session cookie is a bearer token of the API too: one sign-in, one code.
    const session = (await applicant.context().cookies()).find((c) => c.name === 'kandas_session');
    expect(session, 'the session cookie').toBeDefined();
    return registerByApi(request, session!.value);
  });

  await test.step('the officer finds it in the queue', async () => {
    await signIn(officer, OFFICER);
    await officer.goto('/staff');
    await expect(officer.getByRole('heading', { level: 1, name: 'Applications queue' })).toBeVisible();
    const row = officer.getByRole('row').filter({ hasText: number });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Assignment of kandas status');
    await row.getByRole('link', { name: number }).click();
  });

  const certificate = await test.step('the officer opens the case and assigns', async () => {
    await expect(officer.getByRole('heading', { level: 1, name: `Application ${number}` })).toBeVisible();
    await expect(officer.getByRole('definition').filter({ hasText: APPLICANT })).toHaveCount(1);
    await expect(officer.getByText('Registered', { exact: true })).toBeVisible();
    await officer.getByRole('group', { name: 'Outcome' }).getByLabel('Assign the status').check();
    await officer.getByRole('button', { name: 'Record the decision' }).click();
    await expect(officer.getByRole('heading', { name: 'There is a problem' })).toHaveCount(0);
    await expect(officer.getByRole('heading', { level: 2, name: 'Result' })).toBeVisible();
    await expect(officer.getByRole('button', { name: 'Record the decision' })).toHaveCount(0);
    const result = officer.getByText(/^Kandas status assigned\. Certificate No\. KC-/);
    await expect(result).toBeVisible();
    return /KC-[\w-]+/.exec((await result.textContent()) ?? '')![0];
  });

  await test.step('the applicant sees the status and the certificate number', async () => {
    await applicant.goto('/cabinet');
    const row = applicant.getByRole('row').filter({ hasText: number });
    await expect(row.getByRole('cell').nth(2)).toHaveText('Status assigned');
    await row.getByRole('link', { name: number }).click();
    await expect(applicant.getByRole('heading', { level: 1, name: `Application ${number}` })).toBeVisible();
    await expect(applicant.getByText('Status assigned', { exact: true })).toBeVisible();
    await expect(applicant.getByText(`Kandas status assigned. Certificate No. ${certificate}.`)).toBeVisible();
    await expect(applicant.getByText(/^Valid until \d{1,2} \p{L}+ \d{4}$/u)).toBeVisible();
  });

  await applicant.context().close();
  await officer.context().close();
});
