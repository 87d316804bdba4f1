// What the journeys share: the demo accounts, reading one-time codes from the development SMS
// inbox (`GET /dev/sms`), signing in through the pages, and the tiny PDF the uploads use.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type APIRequestContext, type Page } from './fixtures';

/** Every demo account's password (development mode seeds them). */
export const PASSWORD = 'kandas-demo';
/** The demo applicant for an assignment. */
export const APPLICANT = '900101300811';
/** The demo applicant for an extension (used where another applicant's code budget is needed). */
export const OTHER_APPLICANT = '931002451325';
/** The local executive body officer in Astana. */
export const OFFICER = '850302400014';
/** The demo auditor (reads the audit trail). */
export const AUDITOR = '910715400083';

/** A tiny valid PDF: one blank A4 page, a cross-reference table with the objects' offsets (uploads are parsed). */
export const PDF = Buffer.from(
  '%PDF-1.4\n' +
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
    '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n' +
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n' +
    'xref\n0 4\n' +
    '0000000000 65535 f \n' +
    '0000000009 00000 n \n' +
    '0000000058 00000 n \n' +
    '0000000115 00000 n \n' +
    'trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n186\n%%EOF\n',
);

export interface Sms {
  phone: string;
  text: string;
  sent_at: string;
}

/**
 * The start of the code SMS in each language, up to the code: read from the messages themselves
 * so that a reworded text does not break the tests.
 */
const CODE_PREFIXES: string[] = ['kk', 'ru', 'en'].map((lang) => {
  const ftl = readFileSync(join(__dirname, '..', '..', 'crates', 'i18n', 'locales', lang, 'main.ftl'), 'utf8');
  const line = ftl.split('\n').find((l) => l.startsWith('sms-code = '));
  if (!line) throw new Error(`no sms-code message in ${lang}/main.ftl`);
  return line.slice('sms-code = '.length).split('{')[0];
});

/** The development SMS inbox, newest first. */
export async function inbox(request: APIRequestContext): Promise<Sms[]> {
  const response = await request.get('/dev/sms');
  expect(response.status(), 'GET /dev/sms').toBe(200);
  return (await response.json()) as Sms[];
}

const key = (s: Sms) => `${s.sent_at} ${s.phone} ${s.text}`;

/** What the inbox holds now; pass it to `codeAfter` to find the code a later action sends. */
export async function snapshot(request: APIRequestContext): Promise<Set<string>> {
  return new Set((await inbox(request)).map(key));
}

/** Whether an E.164 number is the one shown masked as `+7 701 *** ** 67`. */
function matchesMask(phone: string, masked: string): boolean {
  const m = /^\+7 (\d{3}) \*\*\* \*\* (\d{2})$/.exec(masked.trim());
  if (!m) return true;
  return phone.startsWith(`+7${m[1]}`) && phone.endsWith(m[2]);
}

/**
 * The one-time code of the first code SMS that was not in `before` (to the masked phone, when
 * given). The worker delivers within about a second: wait up to 15 s.
 */
export async function codeAfter(
  request: APIRequestContext,
  before: Set<string>,
  masked?: string,
): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(
      async () => {
        for (const sms of await inbox(request)) {
          if (before.has(key(sms))) continue;
          if (masked && !matchesMask(sms.phone, masked)) continue;
          const prefix = CODE_PREFIXES.find((p) => sms.text.startsWith(p));
          if (!prefix) continue;
          code = /\d{6}/.exec(sms.text.slice(prefix.length))?.[0];
          if (code) return code;
        }
        return undefined;
      },
      { message: 'a new code SMS in /dev/sms', timeout: 15_000, intervals: [200, 300, 500] },
    )
    .toMatch(/^\d{6}$/);
  return code!;
}

/** The masked phone a code page says the code went to ("We sent a code to +7 701 *** ** 67."). */
export async function maskedPhone(page: Page): Promise<string | undefined> {
  const text = await page.getByText(/\+7 \d{3} \*\*\* \*\* \d{2}/).first().textContent();
  return /\+7 \d{3} \*\*\* \*\* \d{2}/.exec(text ?? '')?.[0];
}

/** Types the SMS code into the code page and submits it with `button`. */
export async function enterCode(page: Page, request: APIRequestContext, before: Set<string>, button: string) {
  const code = await codeAfter(request, before, await maskedPhone(page));
  await page.getByLabel('Code from the SMS').fill(code);
  await page.getByRole('button', { name: button }).click();
}

/** Where each demo account lands after signing in: where its role works. */
export const LANDING: Record<string, string> = {
  '850302400014': '/staff', // the officer
  '870404300076': '/staff', // the head
  '881115300022': '/desk', // the State Corporation operator
  '700701300067': '/admin/accounts', // the administrator
  '910715400083': '/audit', // the auditor
};

/**
 * Signs in through the pages: IIN and password, then the SMS code; ends where the account's role
 * works (applicants: the cabinet).
 */
export async function signIn(page: Page, iin: string): Promise<void> {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to the portal' })).toBeVisible();
  await page.getByLabel('IIN (individual identification number)').fill(iin);
  await page.getByLabel('Password').fill(PASSWORD);
  const before = await snapshot(page.request);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/login\/confirm\?c=/);
  await expect(page.getByRole('heading', { level: 1, name: 'Enter the code from the SMS' })).toBeVisible();
  await enterCode(page, page.request, before, 'Confirm');
  const lands = LANDING[iin] ?? '/cabinet';
  await expect(page).toHaveURL(new RegExp(`${lands.replace(/\//g, '\\/')}$`));
  if (lands === '/cabinet') {
    await expect(page.getByRole('heading', { level: 1, name: 'History of obtained services' })).toBeVisible();
  }
}
