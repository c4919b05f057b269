import { expect, request as playwrightRequest, test, type APIRequestContext, type Browser } from '@playwright/test';
import { login, newContext, toast } from './helpers';

/**
 * Scenarios of admin-ui.md section 5.2 that need a gateway of their own (MAIL_BASE_URL), so the journey's logins
 * and registrations leave them critical rate limit to spare:
 * - G30, the e-mail flows (a verification code on registration, a password reset link, binding another address)
 *   against an SMTP sink on loopback, whose mails WebUiE2eIT serves as JSON at MAILBOX_URL;
 * - G31's token check, against a siteverify stub that this gateway's TURNSTILE_VERIFY_URL names (Cloudflare is
 *   unreachable here). The stub accepts only the token "good-token" sent with the secret "e2e-secret".
 */
const MAIL_BASE = process.env.MAIL_BASE_URL ?? '';
const MAILBOX = process.env.MAILBOX_URL ?? '';
const SMTP_PORT = process.env.SMTP_PORT ?? '';
const ROOT_TOKEN = process.env.MAIL_ROOT_TOKEN ?? '';
const PASSWORD = 'Mail-User-Pass1';

test.describe.configure({ mode: 'serial' });
test.skip(!MAIL_BASE || !MAILBOX, 'needs the e-mail gateway and SMTP sink that WebUiE2eIT starts');
test.use({ baseURL: MAIL_BASE });

interface Mail {
  to: string[];
  data: string;
}

let api: APIRequestContext;
let newPassword = '';

/** The body of a captured mail as text: quoted-printable undone when the mail says it is so encoded. */
function text(mail: Mail): string {
  let body = mail.data;
  if (/Content-Transfer-Encoding: quoted-printable/i.test(body)) {
    body = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return body.replace(/&amp;/g, '&');
}

/** Waits for the next mail to `address` after the first `seen` ones, and returns its text. */
async function nextMail(address: string, seen: number): Promise<string> {
  let found: Mail | undefined;
  await expect(async () => {
    const mails = (await (await api.get(MAILBOX)).json()) as Mail[];
    found = mails.filter((m) => m.to.some((to) => to.includes(address)))[seen];
    expect(found, `mail number ${seen + 1} to ${address}`).toBeDefined();
  }).toPass({ timeout: 20_000 });
  return text(found!);
}

async function mailsTo(address: string): Promise<number> {
  const mails = (await (await api.get(MAILBOX)).json()) as Mail[];
  return mails.filter((m) => m.to.some((to) => to.includes(address))).length;
}

async function option(key: string, value: string) {
  const response = await api.put(`${MAIL_BASE}/api/option/`, { headers: { Authorization: ROOT_TOKEN }, data: { key, value } });
  expect((await response.json()).success, `${key}`).toBe(true);
}

async function page(browser: Browser) {
  const context = await newContext(browser, { baseURL: MAIL_BASE });
  return { context, page: await context.newPage() };
}

test.beforeAll(async () => {
  api = await playwrightRequest.newContext();
  await option('SMTPServer', '127.0.0.1');
  await option('SMTPPort', SMTP_PORT);
  await option('SMTPFrom', 'gateway@example.com');
  await option('ServerAddress', MAIL_BASE);
  await option('EmailVerificationEnabled', 'true');
});

test.afterAll(async () => {
  await api.dispose();
});

test('G30 registration asks for the code the gateway e-mailed', async ({ browser }) => {
  const { context, page: visitor } = await page(browser);
  await visitor.goto('/register');
  await visitor.getByLabel('Username').fill('mailbob');
  await visitor.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await visitor.getByLabel('Confirm password').fill(PASSWORD);
  await visitor.getByRole('button', { name: 'Register' }).click();
  await expect(visitor.getByText('Enter a valid email address')).toBeVisible();

  await visitor.locator('input[type="email"]').fill('bob@example.com');
  await visitor.getByRole('button', { name: 'Get code' }).click();
  await expect(toast(visitor, 'Code sent; check your inbox')).toBeVisible();
  const mail = await nextMail('bob@example.com', 0);
  const code = /verification code is: <strong>([^<]+)<\/strong>/.exec(mail)?.[1];
  expect(code, mail).toBeTruthy();

  await visitor.getByLabel('Verification code').fill('wrong-code');
  await visitor.getByRole('button', { name: 'Register' }).click();
  await expect(toast(visitor, /verification code is wrong or has expired/i)).toBeVisible();
  await visitor.getByLabel('Verification code').fill(code!);
  await visitor.getByRole('button', { name: 'Register' }).click();
  await expect(toast(visitor, 'Registered. You can log in now.')).toBeVisible();
  await expect(visitor).toHaveURL(/\/login/);
  await login(visitor, 'mailbob', PASSWORD);
  await expect(visitor).toHaveURL(/\/token$/);
  await context.close();
});

test('G30 a reset link from the e-mail gives a new password that logs in', async ({ browser }) => {
  const { context, page: visitor } = await page(browser);
  await visitor.goto('/reset');
  await visitor.getByLabel('Email').fill('bob@example.com');
  await visitor.getByRole('button', { name: 'Send reset email' }).click();
  await expect(toast(visitor, 'If the address is registered, a reset link is on its way.')).toBeVisible();
  const mail = await nextMail('bob@example.com', 1);
  const link = /copy this address into your browser:<br>([^<\s]+)/.exec(mail)?.[1];
  expect(link, mail).toMatch(new RegExp(`^${MAIL_BASE}/user/reset\\?email=`));

  await visitor.goto(link!);
  await visitor.getByRole('button', { name: 'Reset my password' }).click();
  await expect(visitor.getByTestId('new-password')).not.toHaveValue('');
  newPassword = await visitor.getByTestId('new-password').inputValue();
  expect(newPassword).not.toBe(PASSWORD);

  await login(visitor, 'mailbob', PASSWORD);
  await expect(toast(visitor, /Invalid username or password/)).toBeVisible();
  await login(visitor, 'mailbob', newPassword);
  await expect(visitor).toHaveURL(/\/token$/);
  await context.close();
});

test('G31 registration needs a Turnstile token that the siteverify service accepts', async () => {
  await option('EmailVerificationEnabled', 'false');
  await option('TurnstileSiteKey', 'e2e-site-key');
  await option('TurnstileSecretKey', 'e2e-secret');
  await option('TurnstileCheckEnabled', 'true');
  // A fresh context per attempt: a passed check is remembered in the session.
  const attempt = async (token: string) => {
    const visitor = await playwrightRequest.newContext({ baseURL: MAIL_BASE });
    const response = await visitor.post(`/api/user/register?turnstile=${token}`, {
      data: { username: 'turnbob', password: PASSWORD, password2: PASSWORD },
    });
    const body = await response.json();
    await visitor.dispose();
    return body as { success: boolean; message: string };
  };
  try {
    expect(await attempt('')).toMatchObject({ success: false, message: 'Turnstile token is empty' });
    expect(await attempt('forged-token')).toMatchObject({
      success: false,
      message: 'Turnstile verification failed, please refresh and try again!',
    });
    expect((await attempt('good-token')).success).toBe(true);
  } finally {
    await option('TurnstileCheckEnabled', 'false');
  }
});

test('G30 binding another address needs the code sent to it', async ({ browser }) => {
  const { context, page: bob } = await page(browser);
  await login(bob, 'mailbob', newPassword);
  await expect(bob).toHaveURL(/\/token$/);
  await bob.goto('/setting');
  await bob.getByRole('button', { name: 'Change email (bob@example.com)' }).click();
  const dialog = bob.getByRole('dialog');
  await dialog.getByPlaceholder('Email').fill('bob2@example.com');
  const before = await mailsTo('bob2@example.com');
  await dialog.getByRole('button', { name: 'Get code' }).click();
  const mail = await nextMail('bob2@example.com', before);
  const code = /verification code is: <strong>([^<]+)<\/strong>/.exec(mail)?.[1];
  expect(code, mail).toBeTruthy();
  await dialog.getByPlaceholder('Verification code').fill(code!);
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(bob.getByRole('button', { name: 'Change email (bob2@example.com)' })).toBeVisible();
  await context.close();
});
