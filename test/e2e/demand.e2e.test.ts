import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent } from '../../src/app/demand/campaigns.ts';
import { generateDemandDemo } from '../../src/app/demand/demo-demand.ts';
import { SYSTEM_ACTOR } from '../../src/domain/access/actor.ts';
import { addPerson } from '../demand/support.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { ARTIFACTS, CHROMIUM, ensureUiBuilt, hasChromium, shot, tid } from './browser.ts';

const VILLAGE = '140225100218';

/** The error text antd shows under the form item that holds the input with this test id. */
const fieldError = (page: Page, id: string) => ({
  // While one message fades out the next is already shown, so read them all.
  textContent: async () => (await page.locator('.ant-form-item', { has: tid(page, id) }).locator('.ant-form-item-explain-error').allTextContents()).join(' '),
});

describe.skipIf(!hasChromium)('demand pages in a browser', () => {
  let srv: TestServer;
  let browser: Browser;
  let desk: BrowserContext;
  let page: Page;
  let campaignId: number;
  let eventId: number;

  beforeAll(async () => {
    ensureUiBuilt();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    srv = await startTestServer();
    const demo = await generateDemandDemo(srv.app, { county: '140225', seed: 5, asOf: '2026-02-01' });
    campaignId = demo.campaignId;
    await addPerson(srv.app, { name: '张桂兰', village: VILLAGE, seq: 21, phone: '13712345678' });
    const postings = await srv.app.database.db.selectFrom('postings').select('id').where('status', '=', 'open').orderBy('id').limit(3).execute();
    eventId = (await createEvent(srv.app, SYSTEM_ACTOR, campaignId, { kind: 'caravan', name: '大篷车进村（测试）', regionCode: VILLAGE, heldOn: '2026-03-20', postingIds: postings.map((p) => Number(p.id)) })).id;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'] });
    desk = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
    desk.setDefaultTimeout(15_000);
    page = await desk.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('shows the public job board without logging in, and filters it', async () => {
    const anon = await browser.newPage({ locale: 'zh-CN' });
    await anon.goto(`${srv.url}/jobs`);
    await tid(anon, 'board-item').first().waitFor();
    expect(new URL(anon.url()).pathname).toBe('/jobs');
    expect(await tid(anon, 'board-item').count()).toBe(20);
    await shot(anon, 'demand-01-job-board');
    await tid(anon, 'board-region').locator('input').fill('4403');
    await tid(anon, 'board-search').click();
    await expect.poll(async () => (await tid(anon, 'board-item').allTextContents()).every((x) => x.includes('深圳'))).toBe(true);
    await anon.close();
  });

  it('puts each posting rule’s error next to its field, in the current language', async () => {
    await page.goto(`${srv.url}/login`);
    await tid(page, 'login-username').fill('admin');
    await tid(page, 'login-password').fill(srv.adminPassword);
    await tid(page, 'login-submit').click();
    await tid(page, 'app-layout').waitFor();
    await page.goto(`${srv.url}/employers`);
    await page.locator('a[href^="/employers/"]').first().click();
    await tid(page, 'employer-new-posting').click();
    await tid(page, 'posting-title').fill('村级保洁（限男性）');
    await tid(page, 'posting-occupation').click();
    await page.keyboard.type('保洁员');
    await page.keyboard.press('Enter');
    await tid(page, 'posting-type').click();
    await page.locator('.ant-select-item-option', { hasText: '公益性岗位' }).click();
    await tid(page, 'posting-pay-min').fill('200');
    await tid(page, 'posting-pay-max').fill('1500');
    await tid(page, 'posting-start').fill('2026-03-01');
    await tid(page, 'posting-region').locator('input').fill(VILLAGE);
    await tid(page, 'posting-insurance').fill('100000');
    await tid(page, 'posting-save').click();
    await expect.poll(() => fieldError(page, 'posting-pay-max').textContent()).toContain('50%');
    expect(await fieldError(page, 'posting-pay-min').textContent()).toContain('贫困线');
    expect(await fieldError(page, 'posting-insurance').textContent()).toContain('300,000');
    expect(await fieldError(page, 'posting-title').textContent()).toContain('性别');
    await shot(page, 'demand-02-posting-errors-zh');

    // The drawer's mask covers the header; the switch is pressed without closing the form.
    await tid(page, 'lang-switch').dispatchEvent('click');
    await tid(page, 'posting-save').click();
    await expect.poll(() => fieldError(page, 'posting-pay-max').textContent()).toContain('at most 50% of the local minimum wage');
    await expect.poll(() => fieldError(page, 'posting-insurance').textContent()).toContain('300,000 yuan');
    await shot(page, 'demand-03-posting-errors-en');
    await tid(page, 'lang-switch').dispatchEvent('click');
  });

  it('checks a person in and records an intention on a phone', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN', storageState: await desk.storageState() });
    const p = await phone.newPage();
    await p.goto(`${srv.url}/campaigns/${campaignId}/events/${eventId}/checkin`);
    await tid(p, 'checkin-search').locator('input').fill('张桂兰');
    await tid(p, 'checkin-search').locator('input').press('Enter');
    await tid(p, 'checkin-person').first().waitFor();
    await tid(p, 'checkin-button').first().tap();
    await p.getByText('已签到').first().waitFor();
    await p.locator('[data-testid="checkin-person"] .ant-select').first().tap();
    await p.locator('.ant-select-item-option').first().tap();
    await p.getByRole('button', { name: /登记意向/ }).tap();
    await p.getByText('已签到 1 人，意向 1 条').waitFor();
    await shot(p, 'demand-04-checkin-phone');
    await phone.close();
  });
});
