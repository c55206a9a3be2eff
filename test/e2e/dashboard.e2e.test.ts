import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemandDemo } from '../../src/app/demand/demo-demand.ts';
import { loadDemoLedger } from '../../src/app/ledger/demo/load-demo.ts';
import { setReturnDate } from '../../src/app/matching/employments.ts';
import { createReferral, transitionReferral } from '../../src/app/matching/referrals.ts';
import { SYSTEM_ACTOR } from '../../src/domain/access/actor.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { ARTIFACTS, CHROMIUM, ensureUiBuilt, hasChromium, tid } from './browser.ts';

/** A whole-page shot taken with a viewport as tall as the page, so the sticky menu is drawn once, where it belongs. */
async function shot(page: Page, name: string) {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  await page.setViewportSize(size);
}
const poll = expect.poll;
const region = (page: Page) => tid(page, 'stats-page').getAttribute('data-region');
const card = async (page: Page, key: string) => Number(await tid(page, `stat-card-${key}`).getAttribute('data-value'));

/** People who applied to open postings, some hired and at work, through the matching use cases. */
async function someHires(srv: TestServer) {
  const db = srv.app.database.db;
  const postings = await db.selectFrom('postings').select('id').where('status', '=', 'open').where('post_type', '<>', 'public_welfare').orderBy('id').limit(8).execute();
  const people = await db.selectFrom('persons').select('id').where('employment_status', '=', 'seeking').where('village_code', 'like', '140225%').orderBy('id').limit(40).execute();
  let n = 0;
  for (const [i, p] of people.entries()) {
    try {
      const r = await createReferral(srv.app, SYSTEM_ACTOR, { personId: Number(p.id), postingId: Number(postings[i % postings.length].id), source: 'application' });
      if (n++ % 2 === 0) {
        await transitionReferral(srv.app, SYSTEM_ACTOR, r.id, { to: 'hired' });
        await transitionReferral(srv.app, SYSTEM_ACTOR, r.id, { to: 'at_work' });
      }
    } catch {
      // A person who does not fit a posting (age, certificate) is simply not referred.
    }
  }
}

describe.skipIf(!hasChromium)('the statistics dashboard in a browser', () => {
  let srv: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ensureUiBuilt();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    srv = await startTestServer();
    // A demo county through the import's bulk path and the demand use cases: the figures are kept as they are written.
    await loadDemoLedger(srv.app, { county: '140225', households: 1500, seed: 3 });
    await generateDemandDemo(srv.app, { county: '140225', seed: 5, asOf: '2026-02-01' });
    await setReturnDate(srv.app, SYSTEM_ACTOR, '140225', { since: '2026-02-01' });
    await someHires(srv);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${srv.url}/login`);
    await tid(page, 'login-username').fill('admin');
    await tid(page, 'login-password').fill(srv.adminPassword);
    await tid(page, 'login-submit').click();
    await tid(page, 'app-layout').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('shows the province: headline cards, trend, bars and ranking by city', async () => {
    await tid(page, 'nav-stats').click();
    await page.waitForURL(/\/stats$/);
    await poll(() => region(page)).toBe('14');
    await poll(() => card(page, 'laborers')).toBeGreaterThan(1000);
    expect(await tid(page, 'stat-card-employers').count()).toBe(0);
    expect(await card(page, 'employers_operating')).toBeGreaterThan(0);
    await tid(page, 'rank-row-1402').waitFor();
    // The cities are ranked by the chosen figure: 大同市 holds every demo laborer.
    await poll(() => tid(page, 'stats-ranking').locator('tbody tr').first().getAttribute('data-testid')).toBe('rank-row-1402');
    await tid(page, 'stats-bars').locator('canvas').waitFor();
    await page.waitForTimeout(600);
    await shot(page, 'stats-01-province');
  });

  it('drills down by clicking: province → city → county → town → village, then back up by the breadcrumb', async () => {
    const laborers = await card(page, 'laborers');
    await tid(page, 'rank-row-1402').click();
    await poll(() => region(page)).toBe('1402');
    await poll(() => tid(page, 'stats-crumb-current').textContent()).toBe('大同市');
    await tid(page, 'rank-row-140225').click();
    await poll(() => region(page)).toBe('140225');
    await poll(() => card(page, 'laborers')).toBe(laborers);
    await poll(() => card(page, 'jobs_secured')).toBeGreaterThan(0);
    expect(await card(page, 'returned_to_work')).toBe(await card(page, 'jobs_secured'));
    await page.waitForTimeout(600);
    await shot(page, 'stats-02-county');

    // The best-ranked township, then its best-ranked village.
    const town = tid(page, 'stats-ranking').locator('tbody tr').first();
    const townCode = (await town.getAttribute('data-testid'))!.replace('rank-row-', '');
    await town.click();
    await poll(() => region(page)).toBe(townCode);
    expect(await tid(page, 'stats-page').getAttribute('data-level')).toBe('town');
    await page.waitForTimeout(600);
    await shot(page, 'stats-03-town');
    const village = tid(page, 'stats-ranking').locator('tbody tr').first();
    const villageCode = (await village.getAttribute('data-testid'))!.replace('rank-row-', '');
    await village.click();
    await poll(() => region(page)).toBe(villageCode);
    expect(await tid(page, 'stats-page').getAttribute('data-level')).toBe('village');
    expect(await card(page, 'laborers')).toBeGreaterThan(0);
    await shot(page, 'stats-04-village');

    for (const code of ['14', '1402', '140225', townCode]) await tid(page, `stats-crumb-${code}`).waitFor();
    await tid(page, 'stats-crumb-140225').click();
    await poll(() => region(page)).toBe('140225');
    expect(new URL(page.url()).pathname).toBe('/stats/140225');
  });

  it('shows each definition, and the report that prints on A4 landscape and exports to .xlsx', async () => {
    await tid(page, 'stat-card-returned_to_work').locator('.anticon-info-circle').hover();
    await poll(() => page.locator('.ant-tooltip').last().textContent()).toContain('返岗起算日期');
    await tid(page, 'stats-definitions').click();
    await tid(page, 'stats-definitions-drawer').waitFor();
    await shot(page, 'stats-05-definitions');
    await page.locator('.ant-drawer-close').click();
    await page.locator('.ant-drawer-mask').waitFor({ state: 'hidden' });

    await page.getByRole('tab', { name: '报表' }).click();
    const report = tid(page, 'stats-report');
    await report.waitFor();
    await poll(() => report.locator('tbody tr').last().textContent()).toContain('合计');
    await shot(page, 'stats-06-report');

    // What the print button sets up before the dialog opens: the report alone, scaled to A4 landscape.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 1062, height: 751 });
    const right = await page.evaluate(() => document.querySelector('.stats-print table')!.getBoundingClientRect().right);
    expect(right).toBeLessThanOrEqual(1062);
    await shot(page, 'stats-07-print');
    const pdf = await page.pdf({ path: path.join(ARTIFACTS, 'stats-report.pdf'), preferCSSPageSize: true, printBackground: true });
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.setViewportSize({ width: 1440, height: 900 });

    const href = (await tid(page, 'stats-export').getAttribute('href'))!;
    expect(href).toBe('/api/v1/stats/report.xlsx?region=140225');
    const res = await page.request.get(`${srv.url}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
  });

  it('goes back to a past date and reads in English', async () => {
    await page.goto(`${srv.url}/stats/140225?date=2019-12-31`);
    await poll(() => region(page)).toBe('140225');
    await poll(() => card(page, 'laborers')).toBe(0);
    expect(await tid(page, 'stats-date').locator('input').inputValue()).toBe('2019-12-31');
    await tid(page, 'stats-date').locator('input').click();
    await page.locator('.ant-picker-dropdown .ant-picker-today-btn, .ant-picker-dropdown [title]').first().waitFor();
    await page.keyboard.press('Escape');

    await page.goto(`${srv.url}/stats/140225`);
    await tid(page, 'lang-switch').click();
    await poll(() => tid(page, 'nav-stats').textContent()).toBe('Statistics');
    await poll(() => tid(page, 'stat-card-laborers').locator('.ant-statistic-title').textContent()).toContain('Registered laborers');
    await page.waitForTimeout(600);
    await shot(page, 'stats-08-county-en');
    await tid(page, 'lang-switch').click();
    expect(pageErrors).toEqual([]);
  });
});
