import { expect, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3001';
export const RELAY_URL = process.env.RELAY_URL ?? 'http://127.0.0.1:3000';
export const MOCK_URL = process.env.MOCK_URL ?? 'http://127.0.0.1:9999';
export const ROOT_PASSWORD = 'E2e-Root-Pass1';

export async function newContext(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  return browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'], ...options });
}

export async function login(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** The last toast shown (antd message). */
export function toast(page: Page, text: string | RegExp) {
  return page.locator('.ant-message').getByText(text).last();
}

export async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Picks an option of an antd Select found by its label. */
export async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.keyboard.type(option);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).first().click();
}

/** Opens Settings at a tab and returns the card of a section (by its id in optionSpecs.ts). */
export async function settingsSection(page: Page, tab: string, section: string) {
  await page.goto('/setting');
  await page.getByRole('tab', { name: tab }).click();
  return page.getByTestId(`section-${section}`);
}

/** Clicks a settings section's Save and waits until the saved options were read back. */
export async function saveSection(page: Page, section: Locator) {
  const reread = page.waitForResponse((r) => r.url().endsWith('/api/option/') && r.request().method() === 'GET');
  await section.getByRole('button', { name: /^Save/ }).click();
  await reread;
}

/** Flips a settings switch (saved at once) and waits until the options were read back. */
export async function toggleOption(page: Page, control: Locator) {
  const reread = page.waitForResponse((r) => r.url().endsWith('/api/option/') && r.request().method() === 'GET');
  await control.click();
  await reread;
}

/** The table row containing `text`. */
export function row(page: Page, text: string | RegExp) {
  return page.locator('.ant-table-tbody tr', { hasText: text });
}

export interface ChatResult {
  status: number;
  body: string;
}

export async function chat(request: APIRequestContext, key: string, model: string, stream = false): Promise<ChatResult> {
  const response = await request.post(`${RELAY_URL}/v1/chat/completions`, {
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    data: { model, stream, messages: [{ role: 'user', content: 'Hello' }] },
  });
  return { status: response.status(), body: await response.text() };
}

export async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}
