import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.ts';
import { Client } from '../support/http.ts';
import { addAccount, password, patient, seedHouseholds, villagesOf, type SeededHousehold } from '../field-training/seed.ts';
import { ARTIFACTS, CHROMIUM, ensureUiBuilt, hasChromium, shot, tid } from './browser.ts';

if (!hasChromium) console.warn(`verification offline e2e skipped: no Chromium at ${CHROMIUM}`);

const COUNTY = '140225';

describe.skipIf(!hasChromium)('offline house-to-house verification in a browser', () => {
  let srv: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let officer: Client;
  let households: SeededHousehold[];
  let roundId: number;
  let tasks: any[];
  let changedPerson: number;
  const pageErrors: string[] = [];

  const person = (id: number) => srv.app.database.db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    ensureUiBuilt();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    srv = await startTestServer();
    const admin = patient(new Client(srv.server));
    await admin.login('admin', srv.adminPassword);
    await addAccount(admin, 'county-officer', 'county_officer', COUNTY);
    const verifierId = await addAccount(admin, 'field-verifier', 'field_verifier', COUNTY);
    officer = patient(new Client(srv.server));
    await officer.login('county-officer', password('county-officer'));
    const [village] = await villagesOf(srv.app, COUNTY, 1);
    households = await seedHouseholds(srv.app, village, 3);
    roundId = (await officer.post('/api/v1/verification-rounds', { name: '2020年3月劳动力核查' })).body.id;
    const team = await officer.post(`/api/v1/verification-rounds/${roundId}/teams`, { name: '第一组', memberIds: [verifierId] });
    await officer.post(`/api/v1/verification-rounds/${roundId}/assignments`, { teamId: team.body.id, villageCodes: [village] });
    tasks = (await officer.get(`/api/v1/verification-rounds/${roundId}/tasks`)).body.items;

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('logs a field verifier in, installs the offline worker and downloads only the team’s tasks', async () => {
    await page.goto(`${srv.url}/login?next=${encodeURIComponent('/field/verify')}`);
    await tid(page, 'login-username').fill('field-verifier');
    await tid(page, 'login-password').fill(password('field-verifier'));
    await tid(page, 'login-submit').click();
    await tid(page, 'verifier-page').waitFor();
    expect(await page.evaluate(() => !!document.querySelector('link[rel="manifest"]'))).toBe(true);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    // Once the worker controls the page, what the page loads is kept for offline use.
    await page.reload();
    await tid(page, 'verifier-page').waitFor();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

    await tid(page, 'verify-download').click();
    for (const x of tasks) await tid(page, `task-${x.householdNo}`).waitFor();
    expect(await page.locator('[data-testid^="task-"][data-status]').count()).toBe(3);
    await shot(page, 'verify-01-downloaded');
  });

  it('captures three visits offline, keeps them across a reload, and syncs each once when back online', async () => {
    // Someone at the county office changes a person after the download: that visit must not overwrite it.
    changedPerson = households[2].personIds[0];
    const patched = await officer.patch(`/api/v1/persons/${changedPerson}`, { version: 1, employmentStatus: 'employed_province', employerName: '太原某厂' });
    if (patched.status !== 200) {
      await srv.app.database.db.updateTable('persons').set({ employment_status: 'employed_province', employer_name: '太原某厂', version: 2 }).where('id', '=', changedPerson).execute();
    }

    await context.setOffline(true);
    await expect.poll(() => tid(page, 'net-status').getAttribute('data-online')).toBe('false');

    const phones = ['13911110001', '13911110002', '13911110003'];
    for (const [i, h] of households.entries()) {
      const task = tasks.find((x) => x.householdId === h.householdId);
      await tid(page, `task-${task.householdNo}`).click();
      await tid(page, 'visit-form').waitFor();
      const head = h.personIds[0];
      await tid(page, `outcome-${head}-verified`).click();
      await tid(page, `employment-${head}`).selectOption('employed_county');
      await tid(page, `employer-${head}`).fill('浑源县扶贫车间');
      await tid(page, `phone-${head}`).fill(phones[i]);
      await tid(page, `pay-${head}`).fill('3200');
      await tid(page, `outcome-${h.personIds[1]}-working_away`).click();
      if (i === 0) await shot(page, 'verify-02-visit-form-offline');
      await tid(page, 'visit-save').click();
      await tid(page, 'verifier-page').waitFor();
      await expect.poll(() => tid(page, `task-${task.householdNo}`).getAttribute('data-status')).toBe('captured');
    }
    await expect.poll(() => tid(page, 'outbox-count').getAttribute('data-count')).toBe('3');
    expect((await officer.get(`/api/v1/verification-rounds/${roundId}/visits`)).body.items).toHaveLength(0);
    await shot(page, 'verify-03-captured-offline');

    // A reload with no connection: the worker serves the page, IndexedDB still holds the visits.
    await page.reload();
    await tid(page, 'verifier-page').waitFor();
    await expect.poll(() => tid(page, 'outbox-count').getAttribute('data-count')).toBe('3');
    for (const x of tasks) expect(await tid(page, `task-${x.householdNo}`).getAttribute('data-status')).toBe('captured');
    await shot(page, 'verify-04-reloaded-offline');

    // Back online: the page syncs by itself when the connection returns.
    await context.setOffline(false);
    await expect.poll(() => tid(page, 'net-status').getAttribute('data-online')).toBe('true');
    await expect.poll(() => tid(page, 'outbox-count').getAttribute('data-count'), { timeout: 20_000 }).toBe('0');
    await expect.poll(() => tid(page, 'sync-report').getAttribute('data-conflicts')).toBe('1');
    await shot(page, 'verify-05-synced');

    // The server has each visit once; the two unchanged households are updated, the third is a conflict.
    const visits = (await officer.get(`/api/v1/verification-rounds/${roundId}/visits`)).body.items;
    expect(visits).toHaveLength(3);
    for (const [i, h] of households.slice(0, 2).entries()) {
      expect(await person(h.personIds[0])).toMatchObject({ employment_status: 'employed_county', employer_name: '浑源县扶贫车间', phone_masked: `139****000${i + 1}`, min_monthly_pay_yuan: 3200, verification_status: 'verified' });
      expect((await person(h.personIds[1])).verification_status).toBe('working_away');
    }
    expect(await person(changedPerson)).toMatchObject({ employment_status: 'employed_province', employer_name: '太原某厂', verification_status: 'unverified', phone_masked: null });
    const conflicts = (await officer.get(`/api/v1/verification-rounds/${roundId}/conflicts`)).body.items;
    expect(conflicts.map((c: any) => c.personId)).toEqual([changedPerson]);
    const progress = (await officer.get(`/api/v1/verification-rounds/${roundId}/progress`)).body;
    expect(progress.total).toMatchObject({ households: 3, visited: 3, conflicts: 1 });
  });

  it('lets the county officer resolve the conflict side by side', async () => {
    const officerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const op = await officerContext.newPage();
    op.on('pageerror', (e) => pageErrors.push(e.message));
    await op.goto(`${srv.url}/login?next=${encodeURIComponent('/field/conflicts')}`);
    await tid(op, 'login-username').fill('county-officer');
    await tid(op, 'login-password').fill(password('county-officer'));
    await tid(op, 'login-submit').click();
    const card = tid(op, `conflict-${changedPerson}`);
    await card.waitFor();
    expect(await card.textContent()).toContain('省内县外务工');
    expect(await card.textContent()).toContain('139****0003');
    // Keep the office's employment and employer, take the field's phone, pay and outcome.
    for (const f of ['employmentStatus', 'employerName']) await tid(op, `choice-${changedPerson}-${f}-server`).click();
    for (const f of ['phone', 'minMonthlyPay', 'verificationStatus']) await tid(op, `choice-${changedPerson}-${f}-field`).click();
    await shot(op, 'verify-06-conflict-side-by-side');
    await tid(op, `conflict-apply-${changedPerson}`).click();
    await tid(op, 'conflicts-empty').waitFor();
    await shot(op, 'verify-07-conflict-resolved');
    await officerContext.close();

    expect(await person(changedPerson)).toMatchObject({ employment_status: 'employed_province', employer_name: '太原某厂', phone_masked: '139****0003', min_monthly_pay_yuan: 3200, verification_status: 'verified' });
    const audit = (await officer.get(`/api/v1/audit?entity=person&entityId=${changedPerson}`)).body.items;
    expect(audit.some((e: any) => e.action === 'verification.resolve')).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
