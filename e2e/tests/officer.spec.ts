// The back office under the rules in force: an application registered through the JSON API (so
// this file stands on its own) is found by the Astana officer in the queue at /staff (searched by
// IIN and step, taken), whose case page shows each family member with their data and the
// registry's check and opens every file (PDF and JPEG, inline). It goes through the review on the
// case page — completeness check, a commission that recommends refusing the child, a hearing
// announcing that refusal (a day's notice at least) scheduled, moved once at the applicant's
// request (another request's reason shown to the officer) and recorded at its time (the
// development clock moved forward), the decision that assigns the others and refuses the child —
// and the head, who sees the same page with the officer by name and opens every file, signs it
// off; the applicant then sees the status and the certificate number. axe checks every form on
// the way, and the queue and the case page fit a 320 px screen.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type APIRequestContext, type Page } from './fixtures';
import { APPLICANT, AUDITOR, OFFICER, PDF, codeAfter, signIn, snapshot } from './support';
import { HEAD, SHA256, acceptComplete, almatyIn, audit, expectStep, fillProtocol, signOff } from './review';

/** A real 16×16 JPEG (the Rust tests' fixture): the spouse's passport is a photo. */
const JPEG = readFileSync(join(__dirname, '..', '..', 'crates', 'web', 'tests', 'it', 'fixtures', '16x16.jpg'));

/** The demo officer's name, as the population registry holds it (the head sees it). */
const OFFICER_NAME = 'Қасымова Динара Әлібекқызы';

/** Fails when the page is wider than a 320 px screen (no horizontal scroll on a phone). */
async function fitsPhone(page: Page, name: string) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 800 });
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  // The widest elements that stick out, to say what to fix.
  const wide = await page.evaluate(() => [...document.querySelectorAll('main *')]
    .filter((e) => e.getBoundingClientRect().right > 321)
    .slice(0, 5)
    .map((e) => `${e.tagName.toLowerCase()}.${e.className}#${e.id}: ${Math.round(e.getBoundingClientRect().right)}px`));
  expect(width, `${name} at 320 px: scrollWidth (${wide.join('; ')})`).toBeLessThanOrEqual(320);
  if (size) await page.setViewportSize(size);
}

/** Opens every file the case page links to: each answers 200 inline with the type the link names. */
async function openEveryAttachment(page: Page): Promise<number> {
  const links = page.locator('a[href*="/attachments/"]');
  const count = await links.count();
  for (let i = 0; i < count; i += 1) {
    const link = links.nth(i);
    const href = (await link.getAttribute('href'))!;
    const type = (await link.getAttribute('type'))!;
    // The page's own session (its cookies) opens the file, as a click in the browser would.
    const response = await page.request.get(href);
    expect(response.status(), `${href}: ${await link.textContent()}`).toBe(200);
    expect(response.headers()['content-type'], href).toBe(type);
    expect(response.headers()['content-disposition'], href).toMatch(/^inline; filename=/);
    expect(response.headers()['x-content-type-options'], href).toBe('nosniff');
    const body = await response.body();
    expect(body.subarray(0, 3).toString('hex'), `${href}: the file's own bytes`).toBe(type === 'application/pdf' ? '255044' : 'ffd8ff');
    if (type === 'image/jpeg') {
      // Opened in the browser, the picture shows under the file's own (sandboxed) policy.
      const view = await page.context().newPage();
      await view.goto(href);
      const width = await view.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth);
      expect(width, `${href} shown as a picture`).toBe(16);
      await view.close();
    }
  }
  return count;
}

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
  const spouse: string = view.form.members[0].id;
  const child: string = view.form.members[1].id;
  for (const [documentType, member] of [
    ['personal_history', ''],
    ['nationality_proof', ''],
    ['identity_document', child],
    ['identity_document', spouse],
  ]) {
    const photo = member === spouse;
    const multipart: Record<string, string | { name: string; mimeType: string; buffer: Buffer }> = {
      document_type: documentType,
      version: String(current),
      file: photo
        ? { name: 'spouse-passport.jpg', mimeType: 'image/jpeg', buffer: JPEG }
        : { name: 'doc.pdf', mimeType: 'application/pdf', buffer: PDF },
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

const CHILD = 'Ерланұлы Алихан';
const REASON = 'The child\'s Kazakh nationality is not proven';

test('the officer sees everything and opens every file, hears the applicant, refuses the child, and the head signs off', async ({ browser, request }) => {
  test.setTimeout(180_000);
  const applicant = await (await browser.newContext()).newPage();
  const officer = await (await browser.newContext()).newPage();
  const head = await (await browser.newContext()).newPage();

  const number = await test.step('the applicant registers an application (pages to sign in, API for the rest)', async () => {
    await signIn(applicant, APPLICANT);
    // The session cookie is a bearer token of the API too: one sign-in, one code.
    const session = (await applicant.context().cookies()).find((c) => c.name === 'kandas_session');
    expect(session, 'the session cookie').toBeDefined();
    return registerByApi(request, session!.value);
  });

  await test.step('the officer finds it in the queue with its step', async () => {
    await signIn(officer, OFFICER);
    await officer.goto('/staff');
    await expect(officer.getByRole('heading', { level: 1, name: 'Applications queue' })).toBeVisible();
    const row = officer.getByRole('row').filter({ hasText: number });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Assignment of kandas status');
    await expect(row).toContainText('Registered');
    await expect(row).toContainText('Completeness check');
    await audit(officer, 'queue');
    await row.getByRole('link', { name: number }).click();
  });

  await test.step('the officer searches the queue, takes the case, sees each member and opens every file', async () => {
    await expect(officer.getByRole('heading', { level: 1, name: `Application ${number}` })).toBeVisible();
    await officer.goto('/staff');
    await officer.getByLabel('Number, IIN or name').fill('9001 0130 0811');
    await officer.getByLabel('Next step').selectOption('completeness');
    await officer.getByRole('button', { name: 'Search' }).click();
    await expect(officer).toHaveURL(/[?&]q=9001/);
    await expect(officer.getByRole('row').filter({ hasText: number })).toHaveCount(1);
    await expect(officer.getByRole('row').filter({ hasText: number })).toContainText('Серікбаев Ерлан Маратұлы');
    await audit(officer, 'queue: search');
    await fitsPhone(officer, 'queue');
    // A filter value the form does not offer (a forged address): the field is named, nothing breaks.
    const forged = await officer.goto('/staff?status=lost');
    expect(forged?.status()).toBe(422);
    await expect(officer.getByRole('alert')).toContainText('Choose one of the options');
    await expect(officer.getByLabel('Status')).toHaveAttribute('aria-invalid', 'true');
    await audit(officer, 'queue: a filter it does not offer');
    await officer.goBack();
    await officer.getByRole('link', { name: number }).click();
    await officer.getByRole('button', { name: 'Take this case' }).click();
    await expect(officer.locator('#holder')).toHaveText('you');
    await expect(officer.getByRole('heading', { level: 2, name: 'Family members: 2' })).toBeVisible();
    for (const name of ['Серікбаева Айгүл', CHILD]) {
      await expect(officer.getByRole('heading', { level: 3, name: new RegExp(`^${name}`) })).toBeVisible();
    }
    await expect(officer.getByText('Серікбаев Ерлан Маратұлы').first()).toBeVisible();
    await expect(officer.getByText('No IIN given: not checked against the population registry')).toBeVisible();
    await expect(officer.locator('table.compare')).toHaveCount(1);
    expect(await openEveryAttachment(officer), 'files linked').toBe(4);
    await fitsPhone(officer, 'case');
    await audit(officer, 'case: everything to decide');
    await officer.goto('/staff?mine=on');
    await expect(officer.getByRole('row').filter({ hasText: number })).toContainText('you');
    await officer.getByRole('link', { name: number }).click();
  });

  await test.step('the officer checks the package is complete', async () => {
    await expect(officer.getByRole('heading', { level: 1, name: `Application ${number}` })).toBeVisible();
    await expect(officer.getByRole('definition').filter({ hasText: APPLICANT })).toHaveCount(1);
    await expect(officer.getByText('Registered', { exact: true })).toBeVisible();
    await expect(officer.getByRole('button', { name: /decision/ })).toHaveCount(0);
    await acceptComplete(officer);
  });

  await test.step('the commission recommends refusing the child (a wrong hash first)', async () => {
    await expectStep(officer, 'Commission');
    await audit(officer, 'case: commission');
    await fillProtocol(officer, { [CHILD]: REASON });
    await officer.getByLabel('Video recording: SHA-256').fill('not-a-hash');
    await officer.getByRole('button', { name: 'Record the protocol' }).click();
    await expect(officer.getByRole('alert')).toContainText('There is a problem');
    await expect(officer.getByLabel('Video recording: SHA-256')).toHaveAttribute('aria-invalid', 'true');
    await expect(officer.getByLabel('Protocol number')).toHaveValue('П-12');
    const child = officer.getByRole('group', { name: new RegExp(`^${CHILD}`) });
    await expect(child.getByLabel('Recommend refusing')).toBeChecked();
    await audit(officer, 'case: commission with an error');
    await expect(officer.getByRole('alert').getByRole('link')).toHaveAttribute('href', '#video_sha256');
    await officer.getByLabel('Video recording: SHA-256').fill(SHA256);
    await officer.getByRole('button', { name: 'Record the protocol' }).click();
    const line = officer.getByRole('row').filter({ hasText: CHILD });
    await expect(line).toContainText('Refuse');
    await expect(line).toContainText(REASON);
  });

  await test.step('the hearing is scheduled, then moved at the applicant\'s request', async () => {
    await expectStep(officer, 'Schedule the hearing');
    await expect(officer.getByRole('group', { name: 'Outcome' })).toHaveCount(0);
    await audit(officer, 'case: schedule the hearing');
    await fitsPhone(officer, 'case: schedule the hearing');
    // The notice names whose refusal is planned and on which grounds: the child, as the
    // commission recommends, ticked already; the officer names the ground.
    const planned = officer.getByRole('group', { name: 'Whose refusal is planned' });
    const child = planned.getByRole('group', { name: new RegExp(`^${CHILD}`) });
    await expect(child.getByLabel('Refuse this family member')).toBeChecked();
    await officer.getByLabel('Date and time (Almaty time)').fill(almatyIn(2));
    await officer.getByLabel('Place or link').fill('г. Астана, ул. Бейбітшілік, 11, каб. 5');
    await officer.getByRole('button', { name: 'Schedule the hearing' }).click();
    await expect(officer.getByRole('alert')).toContainText('There is a problem');
    await audit(officer, 'case: hearing without grounds');
    await child.getByLabel(/The applicant is not an ethnic Kazakh/).check();
    await officer.getByRole('button', { name: 'Schedule the hearing' }).click();
    // Two hours is no notice: the applicant must have a day.
    await expect(officer.getByRole('alert')).toContainText('too soon');
    await officer.getByLabel('Date and time (Almaty time)').fill(almatyIn(26));
    await officer.getByRole('button', { name: 'Schedule the hearing' }).click();
    await expectStep(officer, 'Hearing');
    await expect(officer.locator('dt:has-text("Place") + dd')).toContainText('in person');
    await audit(officer, 'case: hearing scheduled');
    await fitsPhone(officer, 'case: hearing scheduled');
    const move = officer.locator('form').filter({ has: officer.getByRole('button', { name: 'Move the hearing' }) });
    await move.getByLabel('Date and time (Almaty time)').fill(almatyIn(27));
    await move.getByLabel('Place or link').fill('https://meet.leb-astana.kz/h/12');
    await move.getByLabel('The hearing is held online').check();
    await move.getByRole('button', { name: 'Move the hearing' }).click();
    await expect(officer.getByRole('alert')).toContainText("Give the applicant's reason");
    await expect(officer.getByLabel('Place or link')).toHaveValue('https://meet.leb-astana.kz/h/12');
    await audit(officer, 'case: move without a reason');
    await officer.getByLabel("The applicant's reason").fill('On a business trip until tomorrow');
    await officer.getByRole('button', { name: 'Move the hearing' }).click();
    await expect(officer.locator('dt:has-text("Moved") + dd')).toContainText('On a business trip until tomorrow');
    await expect(officer.locator('dt:has-text("Place") + dd')).toContainText('online');
  });

  await test.step('the applicant asks to move it again; the officer reads the reason', async () => {
    // The applicant's session from the start still works (the clock has not moved yet).
    await applicant.goto('/cabinet');
    await applicant.getByRole('row').filter({ hasText: number }).getByRole('link', { name: number }).click();
    await applicant.getByLabel('Why you cannot come at this time').fill('The child is ill, a certificate will follow');
    await applicant.getByRole('button', { name: 'Ask to move the hearing' }).click();
    await officer.reload();
    const asked = officer.locator('dt:has-text("The applicant asked to move it") + dd');
    await expect(asked).toContainText('The child is ill, a certificate will follow');
    await expect(asked).toContainText('asked');
    await audit(officer, 'case: a request to move the hearing');
  });

  await test.step('the hearing is recorded and the officer refuses the child only', async () => {
    // Not before its time: the development server's clock goes a day and a few hours forward
    // (the sessions of 8 hours end with it, so everyone signs in again).
    const caseUrl = officer.url();
    await officer.getByLabel('What was said').fill('Too early.');
    await officer.getByRole('button', { name: 'Record the hearing as held' }).click();
    await expect(officer.getByRole('alert')).toContainText('has not come yet');
    const jumped = await request.post('/dev/clock', { data: { advance_seconds: 28 * 3600 } });
    expect(jumped.status(), await jumped.text()).toBe(200);
    await signIn(officer, OFFICER);
    await officer.goto(caseUrl);
    await officer.getByLabel('What was said').fill('The applicant objects: the birth certificate will follow.');
    await officer.getByRole('button', { name: 'Record the hearing as held' }).click();
    await expectStep(officer, 'Decision');
    await expect(officer.locator('dt:has-text("What was said") + dd')).toContainText('birth certificate');
    await audit(officer, 'case: decision with family');
    await fitsPhone(officer, 'case: decision with family');
    await officer.getByRole('group', { name: 'Outcome' }).getByLabel('Assign the status').check();
    const child = officer.getByRole('group', { name: new RegExp(`^${CHILD}`) });
    await child.getByLabel('Refuse this family member').check();
    await child.getByLabel('Explanation for this family member').fill('Nationality not proven by documents.');
    await officer.getByRole('button', { name: "Send the decision for the head's sign-off" }).click();
    await expect(officer.getByRole('alert')).toContainText('Choose the grounds for refusal');
    await expect(child.getByLabel('Refuse this family member')).toBeChecked();
    await audit(officer, 'case: decision with an error');
    await child.getByRole('group', { name: 'Grounds for refusing this family member' })
      .getByLabel('The applicant is not an ethnic Kazakh').check();
    await officer.getByRole('button', { name: "Send the decision for the head's sign-off" }).click();
    await expect(officer.getByText("Awaiting the head's sign-off", { exact: true })).toBeVisible();
    await expect(officer.locator('dt:has-text("Family member refused") + dd')).toContainText(CHILD);
    await expect(officer.getByRole('button', { name: 'Sign off the decision' })).toHaveCount(0);
    await audit(officer, 'case: awaiting the sign-off');
  });

  const certificate = await test.step('the head sees everything, opens every file and signs the decision off', async () => {
    await signIn(head, HEAD);
    await head.goto(`/staff?q=${number}`);
    const row = head.getByRole('row').filter({ hasText: number });
    await expect(row).toContainText("Head's sign-off");
    await expect(row).toContainText('Under review');
    await expect(row).not.toContainText('Hearing');
    await expect(row).toContainText(OFFICER_NAME);
    await row.getByRole('link', { name: number }).click();
    await expect(head.getByRole('heading', { level: 3, name: /^Серікбаева Айгүл/ })).toBeVisible();
    await expect(head.getByRole('heading', { level: 3, name: new RegExp(`^${CHILD}`) })).toBeVisible();
    expect(await openEveryAttachment(head), 'files linked').toBe(4);
    await expect(head.locator('dt:has-text("Decided by") + dd')).toContainText(OFFICER_NAME);
    await expect(head.getByText(/employee [0-9a-f]{8}/)).toHaveCount(0);
    await fitsPhone(head, 'case at the sign-off');
    const certificate = await signOff(head, number);
    await expect(head.getByText('On time', { exact: true })).toHaveCount(0);
    await fitsPhone(head, 'case decided');
    const covered = head.locator('dt:has-text("Family members covered") + dd');
    await expect(covered).toContainText('Серікбаева Айгүл');
    await expect(covered).not.toContainText(CHILD);
    return certificate;
  });

  await test.step('the applicant sees the status and the certificate number', async () => {
    await signIn(applicant, APPLICANT);
    await applicant.goto('/cabinet');
    const row = applicant.getByRole('row').filter({ hasText: number });
    await expect(row.getByRole('cell').nth(2)).toHaveText('Status assigned');
    await row.getByRole('link', { name: number }).click();
    await expect(applicant.getByRole('heading', { level: 1, name: `Application ${number}` })).toBeVisible();
    await expect(applicant.getByText('Status assigned', { exact: true })).toBeVisible();
    await expect(applicant.getByText(`Kandas status assigned. Certificate No. ${certificate}.`)).toBeVisible();
    await expect(applicant.getByText(/^Valid until \d{1,2} \p{L}+ \d{4}$/u)).toBeVisible();
  });

  await test.step('the applicant sees the officer\'s read of the case in "Who accessed my data", in kk and ru', async () => {
    const shown = [
      ['kk', 'Менің деректеріме кім қарады', 'Өтінішіңізді қарады', 'Астана қаласы жергілікті атқарушы органы', 'істі қарау'],
      ['ru', 'Кто обращался к моим данным', 'Просмотрел ваше заявление', 'Местный исполнительный орган: город Астана', 'рассмотрение дела'],
    ];
    for (const [lang, title, what, office, purpose] of shown) {
      await applicant.goto(`/cabinet/access?lang=${lang}`);
      await expect(applicant.getByRole('heading', { level: 1, name: title })).toBeVisible();
      const read = applicant.getByRole('row').filter({ hasText: `${what} (${number})` }).first();
      await expect(read).toContainText(office);
      await expect(read).toContainText(purpose);
      await audit(applicant, `who accessed my data (${lang})`);
    }
    await applicant.goto('/cabinet?lang=en');
  });

  await test.step('the auditor finds the officer\'s read, then the case\'s whole trail', async () => {
    const auditor = await (await browser.newContext()).newPage();
    await signIn(auditor, AUDITOR);
    await expect(auditor.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
    await auditor.getByLabel('IIN of the person concerned').fill(APPLICANT);
    await auditor.getByLabel('Action', { exact: true }).selectOption('staff.read-case');
    await auditor.getByRole('button', { name: 'Search' }).click();
    await expect(auditor).toHaveURL(/[?&]action=staff.read-case/);
    const read = auditor.getByRole('row').filter({ hasText: OFFICER }).filter({ hasText: number }).first();
    await expect(read).toContainText('staff.read-case');
    await expect(read).toContainText('Local executive body: Astana');
    await audit(auditor, 'audit trail: search');
    await read.getByRole('link', { name: number }).click();
    await expect(auditor.getByRole('heading', { level: 1, name: `Audit trail of application ${number}` })).toBeVisible();
    await expect(auditor.getByRole('row').filter({ hasText: 'application.submit' })).toHaveCount(1);
    await audit(auditor, 'audit trail: a case');
    // A mistyped IIN is named on its field, in the page's language.
    const wrong = await auditor.goto('/audit?subject=123');
    expect(wrong?.status()).toBe(422);
    await expect(auditor.getByRole('alert')).toContainText('There is a problem');
    await expect(auditor.getByLabel('IIN of the person concerned')).toHaveAttribute('aria-invalid', 'true');
    await audit(auditor, 'audit trail: a wrong search');
    await auditor.context().close();
  });

  await applicant.context().close();
  await officer.context().close();
  await head.context().close();
});
