import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import { ARTIFACTS, CHROMIUM, ensureUiBuilt, hasChromium, shot, tid } from './browser.ts';

if (!hasChromium) console.warn(`shell e2e skipped: no Chromium at ${CHROMIUM} (install the Debian "chromium" package to run it)`);

describe.skipIf(!hasChromium)('the UI shell in a browser', () => {
  let srv: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureUiBuilt();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    srv = await startTestServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('sends a visitor to the login page and logs the administrator in', async () => {
    await page.goto(`${srv.url}/regions/14`);
    await tid(page, 'login-username').waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await shot(page, 'shell-01-login');

    await tid(page, 'login-username').fill('admin');
    await tid(page, 'login-password').fill('not-the-password-1');
    await tid(page, 'login-submit').click();
    await tid(page, 'login-error').waitFor();

    await tid(page, 'login-password').fill(srv.adminPassword);
    await tid(page, 'login-submit').click();
    await tid(page, 'app-layout').waitFor();
    // Back where the visitor was going.
    await page.waitForURL(/\/regions\/14$/);
    await expect.poll(() => tid(page, 'account-name').textContent()).toBe('Administrator');
    expect(await tid(page, 'account-role').getAttribute('data-role')).toBe('admin');
  });

  it('shows the dashboard and switches the language, keeping the choice across a reload', async () => {
    await tid(page, 'nav-home').click();
    await tid(page, 'home-page').waitFor();
    await tid(page, 'quick-regions').waitFor();
    const zhLabel = await tid(page, 'nav-home').textContent();
    expect(zhLabel).toMatch(/[\u4e00-\u9fff]/);
    expect(await tid(page, 'account-role').textContent()).toBe('系统管理员');
    await shot(page, 'shell-02-home-zh');

    await tid(page, 'lang-switch').click();
    await expect.poll(() => tid(page, 'nav-home').textContent()).toBe('Dashboard');
    expect(await tid(page, 'account-role').textContent()).toBe('Administrator');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.reload();
    await expect.poll(() => tid(page, 'nav-home').textContent()).toBe('Dashboard');
    await tid(page, 'home-scope-name').waitFor();
    await shot(page, 'shell-03-home-en');

    await tid(page, 'lang-switch').click();
    await expect.poll(() => tid(page, 'nav-home').textContent()).toBe(zhLabel);
  });

  it('descends from the province to a village in the region browser', async () => {
    await tid(page, 'nav-regions').click();
    await page.waitForURL(/\/regions$/);
    for (const [code, name] of [['14', '山西省'], ['1402', '大同市'], ['140225', '浑源县']]) {
      await tid(page, `region-row-${code}`).click();
      await page.waitForURL(new RegExp(`/regions/${code}$`));
      await expect.poll(() => tid(page, 'crumb-current').textContent()).toBe(name);
    }
    expect(await tid(page, 'region-level').getAttribute('data-level')).toBe('county');

    for (const level of ['town', 'village']) {
      const row = page.locator(`[data-testid^="region-row-"][data-level="${level}"]`).first();
      const code = (await row.getAttribute('data-code'))!;
      const name = (await row.locator('a').first().textContent())!;
      await row.click();
      await page.waitForURL(new RegExp(`/regions/${code}$`));
      await expect.poll(() => tid(page, 'crumb-current').textContent()).toBe(name);
      expect(await tid(page, 'crumb-current').getAttribute('data-code')).toBe(code);
      expect(await tid(page, 'region-level').getAttribute('data-level')).toBe(level);
    }
    const crumbs = tid(page, 'region-breadcrumb');
    for (const code of ['14', '1402', '140225']) await crumbs.getByTestId(`crumb-${code}`).waitFor();
    expect(await tid(page, 'region-code').textContent()).toMatch(/^140225\d{6}$/);
    await shot(page, 'shell-04-region-village');

    // The breadcrumb leads back up.
    await crumbs.getByTestId('crumb-1402').click();
    await page.waitForURL(/\/regions\/1402$/);
    await expect.poll(() => tid(page, 'crumb-current').textContent()).toBe('大同市');
  });

  it('finds 浑源县 by its pinyin initials and opens it', async () => {
    await tid(page, 'region-search').fill('hyx');
    const option = tid(page, 'region-option-140225');
    await option.waitFor();
    await shot(page, 'shell-05-region-search');
    await option.click();
    await page.waitForURL(/\/regions\/140225$/);
    await expect.poll(() => tid(page, 'region-name').textContent()).toBe('浑源县');
    expect(await tid(page, 'region-level').getAttribute('data-level')).toBe('county');
  });

  it('works at phone width, with the menu in a drawer', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${srv.url}/`);
    await tid(page, 'home-page').waitFor();
    expect(await tid(page, 'nav-home').isVisible()).toBe(false);
    await shot(page, 'shell-06-phone-home');
    await tid(page, 'nav-toggle').click();
    await tid(page, 'nav-regions').click();
    await page.waitForURL(/\/regions$/);
    await tid(page, 'region-row-14').click();
    await expect.poll(() => tid(page, 'crumb-current').textContent()).toBe('山西省');
    await shot(page, 'shell-07-phone-regions');
    await page.setViewportSize({ width: 1366, height: 860 });
  });

  it('reaches every menu entry in a short window: the menu scrolls on its own', async () => {
    await page.setViewportSize({ width: 1366, height: 420 });
    try {
      await page.goto(`${srv.url}/`);
      await tid(page, 'home-page').waitFor();
      const links = tid(page, 'nav-menu').locator('a[data-testid^="nav-"]');
      const count = await links.count();
      expect(count).toBeGreaterThan(8);
      const last = links.nth(count - 1);
      const href = (await last.getAttribute('href'))!;
      // The entry starts out below the window's bottom edge.
      expect((await last.boundingBox())!.y).toBeGreaterThan(420);
      await last.click({ timeout: 5_000 });
      await page.waitForURL((u) => u.pathname === href);
    } finally {
      await page.setViewportSize({ width: 1366, height: 860 });
    }
  });

  it('opens an account (server field errors in Chinese), creates an API token and shows the audit trail', async () => {
    await tid(page, 'nav-users').click();
    await tid(page, 'users-page').waitFor();
    await tid(page, 'user-create').click();
    const form = tid(page, 'user-form');
    await form.waitFor();
    await tid(page, 'user-username').fill('lin.county');
    await tid(page, 'user-display-name').fill('林县长');
    await tid(page, 'user-password').fill('weakpassword');
    await tid(page, 'user-role').click();
    await tid(page, 'role-option-county_officer').click();
    await tid(page, 'user-region').click();
    await page.keyboard.type('hyx');
    await tid(page, 'region-option-140225').click();
    await page.getByRole('dialog').locator('.ant-btn-primary').click();
    // The server's rule, shown next to the field in the current language.
    await expect.poll(() => form.locator('.ant-form-item-explain-error').allTextContents()).toContain('密码至少8位，且须包含字母与数字或符号');
    await shot(page, 'shell-08-user-form-error');
    await tid(page, 'user-password').fill('Strong-pass-42');
    await page.getByRole('dialog').locator('.ant-btn-primary').click();
    await form.waitFor({ state: 'hidden' });
    await tid(page, 'user-row-lin.county').waitFor();
    await shot(page, 'shell-09-users');

    await tid(page, 'nav-account').click();
    await tid(page, 'account-page').waitFor();
    await tid(page, 'token-name').fill('county sync');
    await tid(page, 'token-create').click();
    await expect.poll(() => tid(page, 'token-secret').textContent()).toMatch(/\S{20,}/);
    await shot(page, 'shell-10-account-token');
    await page.keyboard.press('Escape');
    await tid(page, 'token-secret').waitFor({ state: 'hidden' });

    await tid(page, 'nav-audit').click();
    await tid(page, 'audit-page').waitFor();
    await expect.poll(() => tid(page, 'audit-table').locator('tbody tr.ant-table-row').count()).toBeGreaterThanOrEqual(2);
    await shot(page, 'shell-11-audit');
  });

  it('logs out back to the login page', async () => {
    await tid(page, 'logout').click();
    await page.waitForURL(/\/login$/);
    await tid(page, 'login-username').waitFor();
    await page.goto(`${srv.url}/account`);
    await page.waitForURL(/\/login\?next=%2Faccount$/);
    expect(pageErrors).toEqual([]);
  });
});
