import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber, maskIdNumber } from '../../src/domain/ledger/id-number.ts';
import { Client } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { ARTIFACTS, CHROMIUM, ensureUiBuilt, hasChromium, shot, tid } from './browser.ts';

const HEAD_ID = makeIdNumber('140225', '1979-09-09', 11);

/** The ledger pages on a phone-sized screen, in Chinese and then English. */
describe.skipIf(!hasChromium)('the ledger UI in a browser', () => {
  let srv: TestServer;
  let browser: Browser;
  let page: Page;
  let householdId: number;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureUiBuilt();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    srv = await startTestServer();
    const admin = new Client(srv.server);
    await admin.login('admin', srv.adminPassword);
    const h = await admin.post('/api/v1/households', {
      householdNo: 'HY-UI-1', villageCode: '140225101200', category: 'monitored', monitoredSubtype: 'marginal',
      members: [{ relation: '户主', name: '张建国', idNumber: HEAD_ID, phone: '13800138000', laborCapacity: '普通劳动力', employmentStatus: '未就业有意愿' }],
    });
    householdId = h.body.id;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${srv.url}/ledger`);
    await tid(page, 'login-username').fill('admin');
    await tid(page, 'login-password').fill(srv.adminPassword);
    await tid(page, 'login-submit').click();
    await tid(page, 'ledger-page').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('lists people masked and finds one by ID number, without spilling off a phone screen', async () => {
    await tid(page, 'ledger-people').locator('tbody tr[data-testid]').first().waitFor();
    const text = await tid(page, 'ledger-people').textContent();
    expect(text).toContain(maskIdNumber(HEAD_ID));
    expect(text).not.toContain(HEAD_ID);
    await tid(page, 'ledger-search').fill(HEAD_ID.toLowerCase());
    await tid(page, 'ledger-apply').click();
    await expect.poll(() => page.locator('[data-testid^="person-row-"]').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await shot(page, 'ledger-01-list-phone');
  });

  it('shows the household with its members and history, and reveals the full ID only after confirming', async () => {
    await page.getByRole('link', { name: '张建国' }).click();
    await tid(page, 'household-page').waitFor();
    await expect.poll(() => tid(page, 'household-title').textContent()).toContain('HY-UI-1');
    expect(await tid(page, 'household-history').textContent()).toContain('监测户');
    const personId = (await page.locator('[data-testid^="member-row-"]').first().getAttribute('data-testid'))!.replace('member-row-', '');
    await tid(page, `reveal-${personId}`).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await expect.poll(() => tid(page, 'revealed-id').textContent()).toContain(HEAD_ID);
    await shot(page, 'ledger-02-revealed');
    // Close the dialog and see it gone before the next test clicks (Escape may land while it still opens).
    await expect
      .poll(async () => {
        if (await tid(page, 'revealed-id').isVisible()) await page.keyboard.press('Escape');
        return tid(page, 'revealed-id').isVisible();
      }, { timeout: 15_000 })
      .toBe(false);
  });

  it('shows each validation message next to its field, in Chinese and in English', async () => {
    await tid(page, 'person-add').click();
    await tid(page, 'person-form').waitFor();
    await tid(page, 'person-id-number').fill('14022519790909001');
    await tid(page, 'person-phone').fill('12345');
    await tid(page, 'person-save').click();
    const idItem = page.locator('.ant-form-item').filter({ has: tid(page, 'person-id-number') });
    await expect.poll(() => idItem.locator('.ant-form-item-explain').textContent()).toContain('身份证号');
    const nameItem = page.locator('.ant-form-item').filter({ has: tid(page, 'person-name') });
    await expect.poll(() => nameItem.locator('.ant-form-item-explain').textContent()).toBe('姓名不能为空');
    const phoneItem = page.locator('.ant-form-item').filter({ has: tid(page, 'person-phone') });
    await expect.poll(() => phoneItem.locator('.ant-form-item-explain').textContent()).toContain('手机号');
    await shot(page, 'ledger-03-form-errors-zh');
    await tid(page, 'person-cancel').click();

    await tid(page, 'lang-switch').click();
    await tid(page, 'person-add').click();
    await tid(page, 'person-id-number').fill(HEAD_ID);
    await tid(page, 'person-name').fill('李秀英');
    await tid(page, 'person-save').click();
    await expect.poll(() => idItem.locator('.ant-form-item-explain').textContent()).toContain('already in the ledger');
    await tid(page, 'person-id-number').fill(makeIdNumber('140225', '1981-02-03', 22));
    await tid(page, 'person-save').click();
    await expect.poll(() => page.locator('[data-testid^="member-row-"]').count()).toBe(2);
    await shot(page, 'ledger-04-household-en');
    expect(pageErrors).toEqual([]);
    expect(new URL(page.url()).pathname).toBe(`/ledger/households/${householdId}`);
  });
});
