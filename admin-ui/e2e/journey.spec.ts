import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { BASE_URL, chat, choose, clipboard, expectNoHorizontalScroll, login, MOCK_URL, newContext, RELAY_URL, ROOT_PASSWORD, row, saveSection, settingsSection, toast, toggleOption } from './helpers';

/**
 * The operator journey of admin-ui.md section 5.2, scenarios A to I, in order, on one fresh gateway:
 * first login, branding, operation settings, channels, tokens with real relay calls, logs, users,
 * redemption codes, a second user, registration and self-service, i18n and layout, static serving.
 * Every step goes through the UI; only the relay calls, API refusals and I's header checks use HTTP.
 * (H33's restart with another THEME is WebUiE2eIT's own test: it needs a gateway of its own.)
 */
test.describe.configure({ mode: 'serial' });

let context: BrowserContext;
let page: Page;
let tokenKey = '';
// F: alice's browser, the promo codes and her key, shared by the F steps.
let aliceContext: BrowserContext | undefined;
let alice: Page;
let codes: string[] = [];
let aliceKey = '';

test.beforeAll(async ({ browser }) => {
  context = await newContext(browser);
  page = await context.newPage();
});

test.afterAll(async () => {
  await aliceContext?.close();
  await context.close();
});

test('A1 fresh start shows the built-in home', async () => {
  await page.goto('/');
  await expect(page.getByTestId('system-name')).toHaveText('One API');
  await expect(page.getByTestId('login-methods')).toHaveText('password');
  await expect(page.getByTestId('footer').getByRole('link', { name: 'One API' })).toBeVisible();
});

test('A2 root must replace the default password before anything else', async () => {
  await login(page, 'root', '123456');
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByTestId('forced-change')).toBeVisible();
  for (const path of ['/token', '/channel', '/', '/setting']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/change-password$/);
  }
  await page.getByLabel('New password').fill(ROOT_PASSWORD);
  await page.getByLabel('Confirm password').fill(ROOT_PASSWORD);
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page).toHaveURL(/\/token$/);

  // The user menu opens on hover; on a loaded machine a click can land while it is still opening, so retry.
  await expect(async () => {
    await page.getByTestId('user-menu').hover();
    await page.getByRole('menuitem', { name: 'Log out' }).click({ timeout: 5_000 });
    await expect(page).toHaveURL(/\/login(\?|$)/, { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  await login(page, 'root', '123456');
  await expect(toast(page, /Invalid username or password/)).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await login(page, 'root', ROOT_PASSWORD);
  await expect(page).toHaveURL(/\/token$/);
});

test('A3 a lost session leads to the login page with a message', async () => {
  await context.clearCookies();
  await page.goto('/token');
  await expect(page).toHaveURL(/\/login\?expired=true/);
  await expect(page.getByTestId('login-expired')).toBeVisible();
  await page.goto('/channel');
  await expect(page).toHaveURL(/\/login\?.*redirect=%2Fchannel/);
});

test('A4 deep links, reloads, 404 page and JSON 404', async () => {
  await page.goto('/token/edit/1');
  await expect(page).toHaveURL(/\/login\?.*redirect=%2Ftoken%2Fedit%2F1/);
  await page.getByLabel('Username or email').fill('root');
  await page.getByLabel('Password').fill(ROOT_PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/token\/edit\/1$/);
  await page.goto('/channel');
  await page.reload();
  await expect(page.getByText('Add channel')).toBeVisible();
  await page.goto('/no/such/page');
  await expect(page.getByText('The page you are looking for does not exist.')).toBeVisible();
  const api = await page.request.get('/api/unknown');
  expect(api.status()).toBe(404);
  const body = await api.json();
  expect(body.success).toBe(false);
  expect(body.error.message).toBe('Invalid URL (GET /api/unknown)');
});

test('B5 branding and content apply after a reload, sanitised', async () => {
  const system = await settingsSection(page, 'Other', 'system');
  await system.getByLabel('System name').fill('E2E Gateway');
  await system.getByLabel('Logo image URL').fill(`${BASE_URL}/logo.svg?brand=e2e`);
  await saveSection(page, system);

  const content = page.getByTestId('section-content');
  await content.getByLabel('Home page content').fill('# Welcome to E2E\n\nMarkdown **works**');
  await content.getByLabel('About page').fill('About **E2E**');
  await content.getByLabel('Footer').fill('<b id="custom-footer">Custom footer</b><img src=x onerror="window.__xss=1"><script>window.__xss=2</script>');
  await saveSection(page, content);

  const notice = page.getByTestId('section-notice');
  await notice.getByLabel('Notice').fill('Maintenance **tonight** <img src=x onerror="window.__xss=3">');
  await saveSection(page, notice);

  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  await page.goto('/');
  await expect(page).toHaveTitle('E2E Gateway');
  await expect(page.getByTestId('system-name')).toHaveText('E2E Gateway');
  await expect(page.getByTestId('header-logo')).toHaveAttribute('src', `${BASE_URL}/logo.svg?brand=e2e`);
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', `${BASE_URL}/logo.svg?brand=e2e`);
  await expect(page.locator('#custom-footer')).toHaveText('Custom footer');
  await expect(page.getByTestId('notice-content')).toContainText('Maintenance tonight');
  const footerHtml = await page.getByTestId('footer').innerHTML();
  expect(footerHtml).not.toContain('onerror');
  expect(footerHtml).not.toContain('<script');
  expect(await page.getByTestId('notice-content').innerHTML()).not.toContain('onerror');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();
  await expect(page.getByRole('heading', { name: 'Welcome to E2E' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Welcome to E2E' })).toBeVisible();
  await expect(page.getByTestId('notice-content')).toHaveCount(0);

  const notice2 = await settingsSection(page, 'Other', 'notice');
  await notice2.getByLabel('Notice').fill('A new notice');
  await saveSection(page, notice2);
  await page.goto('/');
  await expect(page.getByTestId('notice-content')).toContainText('A new notice');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();

  await page.goto('/about');
  await expect(page.getByTestId('about-content')).toContainText('About E2E');
});

test('B6 a URL as home page content is shown in a frame', async () => {
  const content = await settingsSection(page, 'Other', 'content');
  await content.getByLabel('Home page content').fill(`${BASE_URL}/api/about`);
  await saveSection(page, content);
  await page.goto('/');
  await expect(page.getByTestId('content-frame')).toHaveAttribute('src', `${BASE_URL}/api/about`);
  const again = await settingsSection(page, 'Other', 'content');
  await again.getByLabel('Home page content').fill('');
  await saveSection(page, again);
});

test('C8 ratios are saved; invalid JSON is refused and the old value stays', async () => {
  const ratios = await settingsSection(page, 'Operation', 'ratio');
  await ratios.getByLabel('Model ratios').fill('{"mock-gpt": 1, "gpt-mock": 1}');
  await ratios.getByLabel('Completion ratios').fill('{"mock-gpt": 1, "gpt-mock": 1}');
  await ratios.getByLabel('Group ratios').fill('{"default": 1, "vip": 1}');
  await saveSection(page, ratios);
  await page.reload();
  await page.getByRole('tab', { name: 'Operation' }).click();
  const reloaded = page.getByTestId('section-ratio');
  await expect(reloaded.getByLabel('Model ratios')).toHaveValue(/"mock-gpt": 1/);

  await reloaded.getByLabel('Model ratios').fill('{"mock-gpt": ');
  await reloaded.getByRole('button', { name: /^Save/ }).click();
  await expect(reloaded.getByText('Not a valid JSON object')).toBeVisible();
  await page.reload();
  await page.getByRole('tab', { name: 'Operation' }).click();
  await expect(page.getByLabel('Model ratios')).toHaveValue(/"mock-gpt": 1/);
});

test('C9 the relay address is set and quotas follow the currency switch', async () => {
  const server = await settingsSection(page, 'System', 'server');
  await server.getByLabel(/Server address/).fill(RELAY_URL);
  await saveSection(page, server);

  const general = await settingsSection(page, 'Operation', 'general');
  const currency = general.getByLabel('Show quota as US dollars');
  await expect(currency).toBeChecked();
  await page.goto('/user');
  await expect(row(page, 'root').getByTestId('user-quota')).toHaveText(/^\$/);
  const again = await settingsSection(page, 'Operation', 'general');
  await toggleOption(page, again.getByLabel('Show quota as US dollars'));
  await page.goto('/user');
  await expect(row(page, 'root').getByTestId('user-quota')).toHaveText(/^[0-9.]+[kMB]?$/);

  const monitor = await settingsSection(page, 'Operation', 'monitor');
  await toggleOption(page, monitor.getByLabel('Disable a channel automatically when it fails'));
});

test('D10 add an OpenAI-compatible channel; the form follows the type', async () => {
  await page.goto('/channel/add');
  await choose(page, 'Type', 'Azure OpenAI');
  await expect(page.getByLabel('AZURE_OPENAI_ENDPOINT')).toBeVisible();
  await expect(page.getByLabel('API version')).toBeVisible();
  await choose(page, 'Type', 'AWS (Bedrock)');
  await expect(page.getByLabel('Region')).toBeVisible();
  await expect(page.getByLabel('Access key (AK)')).toBeVisible();
  await expect(page.getByLabel('Key', { exact: true })).toHaveCount(0);
  await choose(page, 'Type', 'OpenAI-compatible');
  await page.getByLabel('Name', { exact: true }).fill('mock-good');
  await page.getByTestId('base-url').fill(`${MOCK_URL}/v1`);
  await page.getByLabel('Key', { exact: true }).fill('good');
  await page.getByLabel('Custom model name').fill('mock-gpt,gpt-mock');
  await page.getByRole('button', { name: 'Add custom model' }).click();
  await page.getByLabel('Model mapping').fill('{"gpt-mock":"mock-gpt"}');
  // Serves the vip group too: alice is moved there in F21 and calls the relay in F24.
  await choose(page, 'Groups', 'vip');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/channel$/);
  const good = row(page, 'mock-good');
  await expect(good.getByText('vip', { exact: true })).toBeVisible();
  await expect(good.getByText('Enabled')).toBeVisible();
  await expect(good.getByTestId('response-time')).toHaveText('Not tested');
});

test('D11 a channel test succeeds and records its response time', async () => {
  const good = row(page, 'mock-good');
  await good.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(toast(page, /mock-good passed the test/)).toBeVisible();
  await expect(good.getByTestId('response-time')).toHaveText(/^\d+\.\d\d s$/);
  await good.getByTestId('response-time').hover();
  await expect(page.getByRole('tooltip', { name: /Last tested/ })).toBeVisible();
});

test('D12 a failing channel is auto-disabled, then removed with the disabled ones', async () => {
  await page.goto('/channel/add');
  await choose(page, 'Type', 'OpenAI-compatible');
  await page.getByLabel('Name', { exact: true }).fill('mock-bad');
  await page.getByTestId('base-url').fill(`${MOCK_URL}/v1`);
  await page.getByLabel('Key', { exact: true }).fill('bad');
  await page.getByLabel('Custom model name').fill('mock-gpt');
  await page.getByRole('button', { name: 'Add custom model' }).click();
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/channel$/);
  const bad = row(page, 'mock-bad');
  await bad.getByRole('button', { name: 'Test', exact: true }).click();
  await expect(toast(page, /mock-bad failed the test/)).toBeVisible();
  // As in One API, the sweep ("test all") applies the automatic disabling, not a single test.
  await page.getByRole('button', { name: 'Test all channels' }).click();
  await expect(toast(page, /Testing started/)).toBeVisible();
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(bad.getByText('Auto-disabled')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(row(page, 'mock-good').getByText('Enabled', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Test disabled channels' }).click();
  await expect(toast(page, /Testing started|already running/)).toBeVisible();
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(bad.getByText('Auto-disabled')).toBeVisible();
  await page.getByRole('button', { name: 'Delete disabled channels' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Delete' }).click();
  await expect(toast(page, /Deleted 1 disabled channel/)).toBeVisible();
  await expect(row(page, 'mock-bad')).toHaveCount(0);
});

test('D13/D14 enable, disable, edit round trip, batch add and batch disable', async () => {
  const good = row(page, 'mock-good');
  await good.getByRole('button', { name: 'Disable' }).click();
  await expect(good.getByText('Disabled', { exact: true })).toBeVisible();
  await good.getByRole('button', { name: 'Enable' }).click();
  await expect(good.getByText('Enabled', { exact: true })).toBeVisible();

  await good.getByRole('button', { name: 'Edit' }).click();
  await expect(page).toHaveURL(/\/channel\/edit\/\d+$/);
  await expect(page.getByLabel('Model mapping')).toHaveValue('{"gpt-mock":"mock-gpt"}');
  await page.getByLabel('Priority', { exact: true }).fill('5');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/channel$/);
  await expect(row(page, 'mock-good').getByLabel('Priority')).toHaveValue('5');
  await row(page, 'mock-good').getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByLabel('Model mapping')).toHaveValue('{"gpt-mock":"mock-gpt"}');
  await expect(page.getByTestId('channel-models')).toContainText('mock-gpt');
  await expect(page.getByTestId('channel-models')).toContainText('gpt-mock');

  await page.goto('/channel/add');
  await choose(page, 'Type', 'OpenAI-compatible');
  await page.getByLabel('Name', { exact: true }).fill('batch');
  await page.getByTestId('base-url').fill(`${MOCK_URL}/v1`);
  await page.getByText('Batch: one key per line creates one channel each').click();
  await page.getByTestId('channel-key').fill('k1\nk2\nk3');
  await page.getByLabel('Custom model name').fill('batch-only-model');
  await page.getByRole('button', { name: 'Add custom model' }).click();
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/channel$/);
  await expect(page.locator('.ant-table-tbody tr', { hasText: 'batch' })).toHaveCount(3);
  const rows = page.locator('.ant-table-tbody tr', { hasText: 'batch' });
  await rows.nth(0).locator('.ant-checkbox-input').check();
  await rows.nth(1).locator('.ant-checkbox-input').check();
  await page.getByTestId('batch-bar').getByRole('button', { name: 'Disable selected' }).click();
  await expect(toast(page, /Done for 2 channel/)).toBeVisible();
  await expect(rows.nth(0).getByText('Disabled', { exact: true })).toBeVisible();
  await expect(rows.nth(1).getByText('Disabled', { exact: true })).toBeVisible();
  for (let i = 0; i < 3; i++) await rows.nth(i).locator('.ant-checkbox-input').check();
  await page.getByTestId('batch-bar').getByRole('button', { name: 'Delete selected' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('.ant-table-tbody tr', { hasText: 'batch' })).toHaveCount(0);
});

test('E16 create a token; copy gives the key and relay-based client links', async () => {
  await page.goto('/token/add');
  await page.getByLabel('Name', { exact: true }).fill('ci');
  await choose(page, 'Model scope', 'gpt-mock');
  await page.getByLabel('Quota (points)').fill('1000');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/token$/);
  const ci = row(page, 'ci');
  await expect(ci.getByText('Enabled')).toBeVisible();
  await ci.getByTestId('copy-key').click();
  tokenKey = await clipboard(page);
  expect(tokenKey).toMatch(/^sk-[A-Za-z0-9]{48}$/);
  await ci.getByTestId('copy-more').hover();
  await page.getByRole('menuitem', { name: 'Copy NextChat link' }).click();
  const link = decodeURIComponent(await clipboard(page));
  expect(link).toContain(`"url":"${RELAY_URL}"`);
  expect(link).toContain(`"key":"${tokenKey}"`);
  expect(link).not.toContain(BASE_URL);
});

test('E17 the token works on the relay, stream and non-stream, through the mapping', async ({ request }) => {
  const plain = await chat(request, tokenKey, 'gpt-mock');
  expect(plain.status, plain.body).toBe(200);
  const body = JSON.parse(plain.body);
  expect(body.choices[0].message.content).toBe('echo:mock-gpt');
  expect(body.usage.prompt_tokens).toBe(10);
  // Back to back on purpose: the first call may not be settled yet, and a token of 1000 cannot hold two
  // reservations (PreConsumedQuota 500 + prompt); the relay waits for the queued settlement instead of refusing.
  const streamed = await chat(request, tokenKey, 'gpt-mock', true);
  expect(streamed.status, streamed.body).toBe(200);
  expect(streamed.body).toContain('echo:mock-gpt');
  expect(streamed.body).toContain('[DONE]');
});

test('E18 logs show both calls with exact numbers; filters and total work', async () => {
  await page.goto('/log');
  await choose(page, 'Type', 'Consumption');
  await page.getByLabel('Token', { exact: true }).fill('ci');
  await page.getByLabel('Model', { exact: true }).fill('mock-gpt');
  await page.getByRole('button', { name: 'Search' }).click();
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    const r = rows.nth(i);
    await expect(r).toContainText('mock-gpt');
    await expect(r).toContainText('ci');
    await expect(r).toContainText('root');
    await expect(r.locator('td').nth(6)).toHaveText('10');
    await expect(r.locator('td').nth(7)).toHaveText('20');
    await expect(r.locator('td').nth(8)).toHaveText('30');
    await expect(r).toContainText(/\d+ ms/);
  }
  await expect(rows.filter({ hasText: 'Stream' })).toHaveCount(1);
  await page.getByTestId('log-stat').click();
  await expect(page.getByTestId('log-stat')).toHaveText('60');
  await rows.first().click();
  await expect(page.getByTestId('log-detail')).toContainText('Request ID');
  await page.keyboard.press('Escape');

  await page.getByLabel('Model', { exact: true }).fill('no-such-model');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(rows).toHaveCount(0);
});

test('E19 token, user and dashboard figures moved by exactly the two calls', async () => {
  await page.goto('/token');
  await expect(row(page, 'ci').getByTestId('remain-quota')).toHaveText('940');
  await expect(row(page, 'ci').getByTestId('used-quota')).toHaveText('60');
  await page.goto('/user');
  await expect(row(page, 'root').getByTestId('user-used-quota')).toHaveText('60');
  await expect(row(page, 'root').getByTestId('user-request-count')).toHaveText('2');
  await page.goto('/dashboard');
  await expect(page.getByTestId('today-requests')).toContainText('2');
  await expect(page.getByTestId('model-chart').locator('.recharts-legend-item-text', { hasText: 'mock-gpt' })).toBeVisible();
});

test('E20 disabled, depleted and out-of-scope tokens are refused', async ({ request }) => {
  await page.goto('/token');
  await row(page, 'ci').getByRole('button', { name: 'Disable' }).click();
  await expect(row(page, 'ci').getByText('Disabled')).toBeVisible();
  const refused = await chat(request, tokenKey, 'gpt-mock');
  expect(refused.status).toBe(401);
  expect(JSON.parse(refused.body).error.message).toBeTruthy();
  await row(page, 'ci').getByRole('button', { name: 'Enable' }).click();
  await expect(row(page, 'ci').getByText('Enabled')).toBeVisible();
  const enabled = await chat(request, tokenKey, 'gpt-mock');
  expect(enabled.status, enabled.body).toBe(200);

  await row(page, 'ci').getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Quota (points)').fill('1');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/token$/);
  const poor = await chat(request, tokenKey, 'gpt-mock');
  expect(poor.status, poor.body).toBeGreaterThanOrEqual(400);
  expect(poor.status, poor.body).toBeLessThan(500);
  expect(JSON.parse(poor.body).error.message).toContain('quota');

  await page.goto('/token/add');
  await page.getByLabel('Name', { exact: true }).fill('scoped');
  await choose(page, 'Model scope', 'mock-gpt');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/token$/);
  await row(page, 'scoped').getByTestId('copy-key').click();
  const scopedKey = await clipboard(page);
  const outOfScope = await chat(request, scopedKey, 'gpt-mock');
  expect(outOfScope.status, outOfScope.body).toBeGreaterThanOrEqual(400);
  expect(outOfScope.status, outOfScope.body).toBeLessThan(500);
});

test('E20b tokens are enabled, disabled and deleted in a batch', async () => {
  for (const name of ['bulk-1', 'bulk-2']) {
    const created = await page.request.post('/api/token/', { data: { name, remain_quota: 0, expired_time: -1, unlimited_quota: true } });
    expect((await created.json()).success).toBe(true);
  }
  await page.goto('/token');
  const bulk = (name: string) => row(page, name);
  const selectBoth = async () => {
    for (const name of ['bulk-1', 'bulk-2']) await bulk(name).locator('.ant-checkbox-input').check();
    await expect(page.getByTestId('batch-bar')).toContainText('2 selected');
  };
  await selectBoth();
  await page.getByTestId('batch-bar').getByRole('button', { name: 'Disable selected' }).click();
  await expect(toast(page, /Done for 2 item/)).toBeVisible();
  for (const name of ['bulk-1', 'bulk-2']) await expect(bulk(name).getByText('Disabled', { exact: true })).toBeVisible();
  await expect(row(page, 'scoped').getByText('Enabled', { exact: true })).toBeVisible();
  await expect(page.getByTestId('batch-bar')).toHaveCount(0);
  await selectBoth();
  await page.getByTestId('batch-bar').getByRole('button', { name: 'Enable selected' }).click();
  for (const name of ['bulk-1', 'bulk-2']) await expect(bulk(name).getByText('Enabled', { exact: true })).toBeVisible();
  await selectBoth();
  await page.getByTestId('batch-bar').getByRole('button', { name: 'Delete selected' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: 'Delete selected' }).click();
  await expect(page.locator('.ant-table-tbody tr', { hasText: 'bulk-' })).toHaveCount(0);
  await expect(row(page, 'scoped')).toHaveCount(1);
});

test('F21 root creates alice; a short password is refused; her group and quota persist', async () => {
  await page.goto('/user/add');
  await page.getByLabel('Username', { exact: true }).fill('alice');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText('The password must be 8 to 20 characters')).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill('alice-pass1');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/user$/);
  await row(page, 'alice').getByRole('button', { name: 'Edit' }).click();
  await choose(page, 'Group', 'vip');
  await page.getByLabel('Quota', { exact: true }).fill('100');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/user$/);
  await expect(row(page, 'alice')).toContainText('vip');
  await expect(row(page, 'alice').getByTestId('user-quota')).toHaveText('100');

});

test('F22 three redemption codes download as promo.txt and copy', async () => {
  await page.goto('/redemption/add');
  await page.getByLabel('Name', { exact: true }).fill('promo');
  await page.getByLabel('Quota', { exact: true }).fill('5000');
  await page.getByLabel('Number of codes').fill('3');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Submit' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('promo.txt');
  codes = (await (await file.createReadStream()).toArray()).join('').trim().split('\n');
  expect(codes).toHaveLength(3);
  await expect(page).toHaveURL(/\/redemption$/);
  await expect(page.locator('.ant-table-tbody tr', { hasText: 'promo' }).filter({ hasText: 'Unused' })).toHaveCount(3);
  await page.locator('.ant-table-tbody tr', { hasText: 'promo' }).first().getByRole('button', { name: 'Copy' }).click();
  expect(codes).toContain(await clipboard(page));

});

test('F23 alice sees no admin pages and redeems a code, once', async ({ browser }) => {
  aliceContext = await newContext(browser);
  alice = await aliceContext.newPage();
  await login(alice, 'alice', 'alice-pass1');
  await expect(alice).toHaveURL(/\/token$/);
  const nav = alice.getByTestId('main-nav').first();
  await expect(nav.getByText('Tokens')).toBeVisible();
  for (const hidden of ['Channels', 'Users', 'Redemptions']) await expect(nav.getByText(hidden, { exact: true })).toHaveCount(0);
  await alice.goto('/channel');
  await expect(alice.getByText('You do not have permission to view this page.')).toBeVisible();
  const refused = await alice.request.get('/api/channel/');
  expect((await refused.json()).success).toBe(false);
  await alice.goto('/topup');
  await expect(alice.getByTestId('current-quota')).toContainText('100');
  await alice.getByLabel('Redemption code').fill(codes[0]);
  await alice.getByRole('button', { name: 'Redeem', exact: true }).click();
  await expect(alice.getByTestId('current-quota')).toContainText(/5,?100/);
  await alice.getByLabel('Redemption code').fill(codes[0]);
  await alice.getByRole('button', { name: 'Redeem', exact: true }).click();
  await expect(toast(alice, /Redemption failed/)).toBeVisible();
  await page.goto('/redemption');
  // hasText is a case-insensitive substring ("Unused" contains "used"): match the status tag exactly.
  const used = page.locator('.ant-table-tbody tr').filter({ has: page.getByText('Used', { exact: true }) });
  await expect(used).toHaveCount(1);
  await expect(used.locator('td').nth(6)).not.toHaveText('-');

});

test('F24 alice\'s own token works and her logs are hers alone', async ({ request }) => {
  await alice.goto('/token/add');
  await alice.getByLabel('Name', { exact: true }).fill('alice-t');
  await alice.getByRole('button', { name: 'Submit' }).click();
  await expect(alice).toHaveURL(/\/token$/);
  await row(alice, 'alice-t').getByTestId('copy-key').click();
  aliceKey = await clipboard(alice);
  const aliceCall = await chat(request, aliceKey, 'mock-gpt');
  expect(aliceCall.status, aliceCall.body).toBe(200);
  const aliceRows = alice.locator('.ant-table-tbody tr.ant-table-row');
  // Consume logs are inserted in batches shortly after the call: reload until the row is there.
  await expect(async () => {
    await alice.goto('/log');
    await expect(aliceRows.filter({ hasText: 'alice-t' })).toHaveCount(1, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await expect(aliceRows.filter({ hasText: 'Top-up' })).toHaveCount(1);
  await expect(aliceRows.filter({ hasText: /\bci\b/ })).toHaveCount(0);
  await page.goto('/log');
  await page.getByLabel('User', { exact: true }).fill('alice');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'alice-t' })).toHaveCount(1);

});

test('F24 the dashboard\'s admin view sums every user\'s consumption on the server, or one user\'s', async () => {
  await page.goto('/dashboard');
  const total = page.getByTestId('total-requests').locator('.ant-statistic-content-value');
  await expect(total).toBeVisible();
  const mine = Number((await total.innerText()).replace(/\D/g, ''));
  expect(mine).toBeGreaterThanOrEqual(3);
  const everyone = page.waitForResponse((r) => r.url().includes('/api/log/dashboard'));
  await page.getByText('All users', { exact: true }).click();
  await everyone;
  await expect(total).toHaveText(String(mine + 1));
  const aliceOnly = page.waitForResponse((r) => r.url().includes('/api/log/dashboard') && r.url().includes('username=alice'));
  await page.getByPlaceholder('User', { exact: true }).fill('alice');
  await page.getByPlaceholder('User', { exact: true }).press('Enter');
  await aliceOnly;
  await expect(total).toHaveText('1');
  await expect(page.getByTestId('model-chart').locator('.recharts-legend-item-text', { hasText: 'mock-gpt' })).toBeVisible();

});

test('F25 disabled alice is thrown out; promotion and demotion change her menu', async ({ request }) => {
  await page.goto('/user');
  await row(page, 'alice').getByRole('button', { name: 'Disable' }).click();
  await expect(row(page, 'alice').getByText('Banned')).toBeVisible();
  await alice.goto('/token');
  await expect(alice).toHaveURL(/\/login\?banned=true/);
  await expect(alice.getByTestId('login-banned')).toBeVisible();
  expect((await chat(request, aliceKey, 'mock-gpt')).status).toBeGreaterThanOrEqual(400);
  await row(page, 'alice').getByRole('button', { name: 'Enable' }).click();
  await expect(row(page, 'alice').getByText('Active')).toBeVisible();
  await row(page, 'alice').getByRole('button', { name: 'Promote' }).click();
  await expect(row(page, 'alice').getByText('Admin')).toBeVisible();
  await login(alice, 'alice', 'alice-pass1');
  await expect(alice.getByTestId('main-nav').first().getByText('Channels')).toBeVisible();
  await row(page, 'alice').getByRole('button', { name: 'Demote' }).click();
  await expect(row(page, 'alice').getByText('User', { exact: true })).toBeVisible();
  await alice.reload();
  await expect(alice.getByTestId('main-nav').first().getByText('Channels', { exact: true })).toHaveCount(0);
  await aliceContext!.close();
  aliceContext = undefined;
});

test('G26 registration closed: the form and the API refuse', async ({ browser, request }) => {
  const loginSection = await settingsSection(page, 'System', 'login');
  const allow = loginSection.getByLabel('Allow new registrations');
  await expect(allow).toBeChecked();
  await toggleOption(page, allow);
  await expect(allow).not.toBeChecked();
  const visitor = await newContext(browser);
  const form = await visitor.newPage();
  await form.goto('/register');
  await form.getByLabel('Username', { exact: true }).fill('mallory');
  await form.getByLabel('Password', { exact: true }).fill('mallory-pass1');
  await form.getByLabel('Confirm password').fill('mallory-pass1');
  await form.getByRole('button', { name: 'Register' }).click();
  await expect(toast(form, /registration has been disabled/)).toBeVisible();
  await expect(form).toHaveURL(/\/register$/);
  const api = await request.post(`${BASE_URL}/api/user/register`, { data: { username: 'mallory', password: 'mallory-pass1' } });
  const refused = await api.json();
  expect(refused.success).toBe(false);
  expect(refused.message).toContain('registration has been disabled');
  await visitor.close();
  const again = await settingsSection(page, 'System', 'login');
  await toggleOption(page, again.getByLabel('Allow new registrations'));
  await expect(again.getByLabel('Allow new registrations')).toBeChecked();
});

test('G27 a visitor registers; the form checks the passwords; the new user gets QuotaForNewUser', async ({ browser }) => {
  const quota = await settingsSection(page, 'Operation', 'quota');
  await quota.getByLabel('Quota for new users').fill('777');
  await quota.getByLabel('Bonus for the inviter').fill('111');
  await quota.getByLabel('Bonus for the invited user').fill('222');
  await saveSection(page, quota);

  const visitor = await newContext(browser);
  const form = await visitor.newPage();
  await form.goto('/register');
  await form.getByLabel('Username', { exact: true }).fill('bob');
  await form.getByLabel('Password', { exact: true }).fill('short');
  await form.getByLabel('Confirm password').fill('other');
  await form.getByRole('button', { name: 'Register' }).click();
  await expect(form.getByText('The password must be 8 to 20 characters')).toBeVisible();
  await expect(form.getByText('The passwords do not match')).toBeVisible();
  await form.getByLabel('Password', { exact: true }).fill('bob-pass-1');
  await form.getByLabel('Confirm password').fill('bob-pass-1');
  await form.getByRole('button', { name: 'Register' }).click();
  await expect(form).toHaveURL(/\/login$/);
  await expect(toast(form, 'Registered. You can log in now.')).toBeVisible();
  await visitor.close();
  await page.goto('/user');
  await expect(row(page, 'bob').getByTestId('user-quota')).toHaveText('777');
});

test('G28 an invite link pays the inviter and the invited user, with a log entry each', async ({ browser }) => {
  const inviterContext = await newContext(browser);
  const inviter = await inviterContext.newPage();
  await login(inviter, 'alice', 'alice-pass1');
  await expect(inviter).toHaveURL(/\/token$/);
  await inviter.goto('/setting');
  await inviter.getByRole('button', { name: 'Copy invite link' }).click();
  await expect(toast(inviter, 'Invite link copied')).toBeVisible();
  const invite = await clipboard(inviter);
  expect(invite).toMatch(new RegExp(`^${BASE_URL}/register\\?aff=\\w+$`));
  await inviterContext.close();

  const visitor = await newContext(browser);
  const form = await visitor.newPage();
  await form.goto(invite);
  await expect(form.getByText('You were invited')).toBeVisible();
  await form.getByLabel('Username', { exact: true }).fill('carol');
  await form.getByLabel('Password', { exact: true }).fill('carol-pass1');
  await form.getByLabel('Confirm password').fill('carol-pass1');
  await form.getByRole('button', { name: 'Register' }).click();
  await expect(form).toHaveURL(/\/login$/);
  await visitor.close();

  await page.goto('/user');
  await expect(row(page, 'carol').getByTestId('user-quota')).toHaveText('999');
  await page.goto('/log');
  await choose(page, 'Type', 'System');
  await page.getByLabel('User', { exact: true }).fill('alice');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'Gift for inviting a user' })).toHaveCount(1);
  await page.getByLabel('User', { exact: true }).fill('carol');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.locator('.ant-table-tbody tr.ant-table-row', { hasText: 'Gift for using an invitation code' })).toHaveCount(1);
});

test('G users are disabled and enabled in a batch', async () => {
  await page.goto('/user');
  await expect(row(page, 'root').locator('.ant-checkbox-input')).toBeDisabled();
  const selectBoth = async () => {
    for (const name of ['bob', 'carol']) await row(page, name).locator('.ant-checkbox-input').check();
    await expect(page.getByTestId('batch-bar')).toContainText('2 selected');
  };
  await selectBoth();
  await page.getByTestId('batch-bar').getByRole('button', { name: 'Disable selected' }).click();
  await expect(toast(page, /Done for 2 item/)).toBeVisible();
  for (const name of ['bob', 'carol']) await expect(row(page, name).getByText('Banned')).toBeVisible();
  await selectBoth();
  await page.getByTestId('batch-bar').getByRole('button', { name: 'Enable selected' }).click();
  for (const name of ['bob', 'carol']) await expect(row(page, name).getByText('Active')).toBeVisible();
});

test('G29 a system access token works on the management API; deleting the account needs the username', async ({ browser, request }) => {
  const bobContext = await newContext(browser);
  const bob = await bobContext.newPage();
  await login(bob, 'bob', 'bob-pass-1');
  await expect(bob).toHaveURL(/\/token$/);
  await bob.goto('/setting');
  await bob.getByRole('button', { name: 'Generate system access token' }).click();
  await expect(toast(bob, 'Access token generated and copied')).toBeVisible();
  const accessToken = await clipboard(bob);
  expect(accessToken.length).toBeGreaterThan(10);
  await expect(bob.getByTestId('access-token')).toHaveValue(accessToken);
  const self = await request.get(`${BASE_URL}/api/user/self`, { headers: { Authorization: accessToken } });
  expect(self.status()).toBe(200);
  expect((await self.json()).data.username).toBe('bob');

  await bob.getByRole('button', { name: 'Delete account' }).click();
  const dialog = bob.getByRole('dialog', { name: 'Delete account' });
  await dialog.getByLabel('Your username').fill('bobby');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(toast(bob, 'The username does not match')).toBeVisible();
  await dialog.getByLabel('Your username').fill('bob');
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(bob).toHaveURL(/\/login/);
  await login(bob, 'bob', 'bob-pass-1');
  await expect(toast(bob, /Invalid username or password/)).toBeVisible();
  const gone = await request.get(`${BASE_URL}/api/user/self`, { headers: { Authorization: accessToken } });
  expect((await gone.json()).success).toBe(false);
  await bobContext.close();
});

test('H33 the theme setting offers only the themes that exist', async () => {
  const system = await settingsSection(page, 'Other', 'system');
  await system.getByLabel('Theme', { exact: true }).click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect(options).toHaveCount(3);
  expect(await options.evaluateAll((els) => els.map((e) => e.getAttribute('title')))).toEqual(['default', 'berry', 'air']);
  await page.keyboard.press('Escape');
});

test('I36 static serving: cache headers, gzip, CSP, real 404s', async ({ request }) => {
  const index = await request.get(`${BASE_URL}/token`);
  expect(index.status()).toBe(200);
  expect(index.headers()['cache-control']).toBe('no-cache');
  expect(index.headers()['content-security-policy']).toContain("default-src 'self'");
  const html = await index.text();
  const script = html.match(/src="(\/assets\/[^"]+\.js)"/);
  expect(script, html).not.toBeNull();
  const asset = await request.get(`${BASE_URL}${script![1]}`, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(asset.status()).toBe(200);
  expect(asset.headers()['cache-control']).toMatch(/max-age=31536000/);
  expect(asset.headers()['content-encoding']).toBe('gzip');
  const missing = await request.get(`${BASE_URL}/assets/x.js`);
  expect(missing.status()).toBe(404);
  expect(await missing.text()).not.toContain('<html');
  const post = await request.post(`${BASE_URL}/token`, { data: {} });
  expect(post.status()).toBe(404);
  expect(await post.text()).not.toContain('<div id="root">');
});

test('H mobile width: the menu collapses and pages do not scroll sideways', async ({ browser }) => {
  const phone = await newContext(browser, { viewport: { width: 390, height: 844 } });
  const mobile = await phone.newPage();
  await login(mobile, 'root', ROOT_PASSWORD);
  await expect(mobile).toHaveURL(/\/token$/);
  await expect(mobile.getByTestId('nav-toggle')).toBeVisible();
  await expectNoHorizontalScroll(mobile);
  await mobile.getByTestId('nav-toggle').click();
  await mobile.locator('.ant-drawer').getByText('Top up').click();
  await expect(mobile).toHaveURL(/\/topup$/);
  await expectNoHorizontalScroll(mobile);
  await mobile.goto('/');
  await expectNoHorizontalScroll(mobile);
  await phone.close();
});

test('G31 Turnstile on: the register page shows the widget box and waits for it; the API refuses a missing token', async ({ browser, request }) => {
  const keys = await settingsSection(page, 'System', 'turnstile');
  await keys.getByLabel('Turnstile site key').fill('1x00000000000000000000AA');
  await saveSection(page, keys);
  const turnstileSwitch = async () => (await settingsSection(page, 'System', 'login')).getByLabel('Turnstile human check');
  let check = await turnstileSwitch();
  await expect(check).not.toBeChecked();
  await toggleOption(page, check);
  await expect(check).toBeChecked();
  const visitor = await newContext(browser);
  try {
    const form = await visitor.newPage();
    await form.goto('/register');
    // Cloudflare's script cannot load here, so the box stays empty: the form must wait, not submit without a token.
    await expect(form.getByTestId('turnstile')).toBeAttached();
    await form.getByLabel('Username', { exact: true }).fill('trudy');
    await form.getByLabel('Password', { exact: true }).fill('trudy-pass1');
    await form.getByLabel('Confirm password').fill('trudy-pass1');
    await form.getByRole('button', { name: 'Register' }).click();
    await expect(toast(form, 'Please wait for the human check to finish')).toBeVisible();
    await expect(form).toHaveURL(/\/register$/);
  } finally {
    await visitor.close();
  }
  const api = await request.post(`${BASE_URL}/api/user/register`, { data: { username: 'trudy', password: 'trudy-pass1' } });
  const refused = await api.json();
  expect(refused.success).toBe(false);
  expect(refused.message).toContain('Turnstile token is empty');
  check = await turnstileSwitch();
  await toggleOption(page, check);
  await expect(check).not.toBeChecked();
});

test('H32 Portuguese and Chinese reach the nav, table headers and antd\'s own texts; a pt-BR browser starts in pt-BR', async ({ browser }) => {
  const nav = page.getByTestId('main-nav').first();
  const pick = async (title: string) => {
    await page.getByTestId('language-select').click();
    await page.locator(`.ant-select-item-option[title="${title}"]`).click();
  };
  await page.goto('/redemption');
  await pick('Português (Brasil)');
  await expect(nav.getByText('Início')).toBeVisible();
  await expect(page.locator('.ant-table-thead')).toContainText('Nome');
  // A search that finds nothing shows antd's own empty text, which comes from antd's pt_BR locale, not ours.
  const search = page.getByPlaceholder('Buscar por ID ou nome');
  await search.fill('no-such-code-h32');
  await search.press('Enter');
  await expect(page.locator('.ant-table-placeholder')).toContainText('Não há dados');

  await pick('中文');
  await expect(nav.getByText('首页')).toBeVisible();
  await expect(page.locator('.ant-table-thead')).toContainText('名称');
  await expect(page.locator('.ant-table-placeholder')).toContainText('暂无数据');
  await pick('English');
  await expect(nav.getByText('Home')).toBeVisible();

  // No stored choice: the browser's language decides.
  const visitor = await newContext(browser, { locale: 'pt-BR' });
  try {
    const fresh = await visitor.newPage();
    await fresh.goto('/login');
    await expect(fresh.getByRole('button', { name: 'Entrar', exact: true })).toBeVisible();
    await expect(fresh.getByLabel('Usuário ou e-mail')).toBeVisible();
  } finally {
    await visitor.close();
  }
});

test('H language and dark mode are switchable and remembered', async () => {
  await page.goto('/token');
  await page.getByTestId('language-select').click();
  await page.locator('.ant-select-item-option[title="Português (Brasil)"]').click();
  await expect(page.getByTestId('main-nav').first().getByText('Início')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('main-nav').first().getByText('Início')).toBeVisible();
  await page.getByTestId('language-select').click();
  await page.locator('.ant-select-item-option[title="English"]').click();
  await expect(page.getByTestId('main-nav').first().getByText('Home')).toBeVisible();

  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  const before = await theme();
  expect(before).toMatch(/^(light|dark)$/);
  const after = before === 'dark' ? 'light' : 'dark';
  await page.getByTestId('theme-toggle').click();
  await expect.poll(theme).toBe(after);
  await page.reload();
  await expect.poll(theme).toBe(after);
});
