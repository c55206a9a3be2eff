import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoLedger } from '../../src/app/ledger/demo/load-demo.ts';
import { Client } from '../support/http.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { ARTIFACTS, CHROMIUM, ensureUiBuilt, hasChromium, tid } from './browser.ts';

const COUNTY = '140225';
const POLICY = 'transport-subsidy-shanxi-2020';
const FUND = 'employment-subsidy';
const BUDGET_ROW = `${FUND}-${COUNTY}-2020`;
/** A 1×1 PNG: a scanned ticket, as far as the server's type check can tell. */
const TICKET_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const shot = async (page: Page, name: string) => {
  // A full-page shot of a scrolled page draws the fixed header in the middle.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
};
const poll = expect.poll;
/** The error text antd shows under the form item that holds the input with this test id. */
const fieldError = async (page: Page, id: string) => (await page.locator('.ant-form-item', { has: tid(page, id) }).locator('.ant-form-item-explain-error').allTextContents()).join(' ');

interface DemoPerson {
  id: number;
  village: string;
  category: string;
}

/** The transport subsidy's facts for a poor laborer of the demo county who went to work in Shenzhen. */
function tripClaim(p: DemoPerson, trip: number) {
  return {
    policy: POLICY,
    subjectKind: 'trip',
    // A trip the records do not hold (a train the laborer took alone): the claim stands on the facts given.
    subjectId: `${trip}:${p.id}`,
    personId: p.id,
    regionCode: p.village,
    facts: { personCategory: p.category, homeRegion: p.village, workRegion: '440300', travelCost: 650.5, travelDate: '2020-03-10', claimsThisYear: 0 },
  };
}

/**
 * The policy pages as the county's staff use them: a township commissioner reviews and a county
 * officer approves (the policy wants two different people), the county officer sets the budget the
 * last approval needs, pays the claim in a batch and exports it for the bank.
 */
describe.skipIf(!hasChromium)('claims, approvals, payments and budgets in a browser', () => {
  let srv: TestServer;
  let browser: Browser;
  let town: Page;
  let county: Page;
  let people: DemoPerson[];
  let paidClaim: number;
  let rejectedClaim: number;
  let batchId: number;
  const pageErrors: string[] = [];

  async function loginAs(username: string, password: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${srv.url}/login`);
    await tid(page, 'login-username').fill(username);
    await tid(page, 'login-password').fill(password);
    await tid(page, 'login-submit').click();
    await tid(page, 'app-layout').waitFor();
    return page;
  }

  beforeAll(async () => {
    ensureUiBuilt();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    srv = await startTestServer();
    await loadDemoLedger(srv.app, { county: COUNTY, households: 300, seed: 11 });
    // Poor laborers of one township of the demo county.
    const rows = await srv.app.database.db
      .selectFrom('persons')
      .innerJoin('households', 'households.id', 'persons.household_id')
      .select(['persons.id as id', 'persons.village_code as village', 'households.category as category'])
      .where('households.category', 'in', ['lifted', 'monitored'])
      .where('persons.deleted_at', 'is', null)
      .orderBy('persons.id')
      .limit(200)
      .execute();
    const townCode = rows[0].village.slice(0, 9);
    people = rows.filter((r) => r.village.startsWith(townCode)).map((r) => ({ id: Number(r.id), village: r.village, category: r.category }));
    expect(people.length).toBeGreaterThanOrEqual(3);

    const admin = new Client(srv.server);
    await admin.login('admin', srv.adminPassword);
    expect((await admin.post('/api/v1/users', { username: 'hy-county', password: 'hy-county-pw-1', role: 'county_officer', regionCode: COUNTY, displayName: '浑源县人社局' })).status).toBe(201);
    expect((await admin.post('/api/v1/users', { username: 'hy-town', password: 'hy-town-pw-1', role: 'town_commissioner', regionCode: townCode, displayName: '乡镇劳务专员' })).status).toBe(201);
    const officer = new Client(srv.server);
    await officer.login('hy-county', 'hy-county-pw-1');
    const a = await officer.post('/api/v1/claims', { ...tripClaim(people[0], 90001), submit: true });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({ status: 'submitted', eligible: true, amountFen: 65050 });
    paidClaim = a.body.id;
    const b = await officer.post('/api/v1/claims', { ...tripClaim(people[1], 90001), submit: true });
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    rejectedClaim = b.body.id;

    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'] });
    town = await loginAs('hy-town', 'hy-town-pw-1');
    county = await loginAs('hy-county', 'hy-county-pw-1');
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it('attaches the ticket on the claim page, then the township review approves it from its queue, oldest first', async () => {
    await town.goto(`${srv.url}/claims/${paidClaim}`);
    await poll(() => tid(town, 'evidence-kind-ticket').getAttribute('data-attached')).toBe('false');
    await town.locator('[data-testid="evidence-upload-ticket"] input[type=file]').setInputFiles({ name: '火车票.png', mimeType: 'image/png', buffer: TICKET_PNG });
    await poll(() => tid(town, 'evidence-kind-ticket').getAttribute('data-attached')).toBe('true');
    expect(await tid(town, 'evidence-files').textContent()).toContain('火车票.png');
    expect(await tid(town, 'claim-explanation').locator('[data-passed="true"]').count()).toBe(6);
    await shot(town, 'policy-01-claim-with-evidence');

    await tid(town, 'nav-claimQueue').click();
    await tid(town, `queue-row-${paidClaim}`).waitFor();
    const order = await town.locator('[data-testid^="queue-row-"]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-testid')!.replace('queue-row-', ''))));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    await poll(() => tid(town, `queue-level-${paidClaim}`).textContent()).toBe('乡镇审核');
    expect(await tid(town, `queue-row-${paidClaim}`).textContent()).toContain('650.50');
    await shot(town, 'policy-02-town-queue');
    await tid(town, `approve-${paidClaim}`).click();
    await tid(town, `approve-confirm-${paidClaim}`).click();
    // Waiting now for the county, the claim leaves the township's own queue.
    await tid(town, `queue-row-${paidClaim}`).waitFor({ state: 'detached' });
  });

  it('says why a claim without its ticket cannot be approved, and refuses a rejection without a reason next to the reason field', async () => {
    await town.goto(`${srv.url}/claims/${rejectedClaim}`);
    await tid(town, 'claim-detail').waitFor();
    await tid(town, `approve-${rejectedClaim}`).click();
    await tid(town, `approve-confirm-${rejectedClaim}`).click();
    await poll(() => tid(town, 'claim-problem').getAttribute('data-code')).toBe('evidence_missing');
    expect(await tid(town, 'claim-problem').textContent()).toContain('缺少证明材料：车票或行程凭证');
    await tid(town, `reject-${rejectedClaim}`).click();
    await tid(town, 'reject-submit').click();
    await poll(() => fieldError(town, 'reject-reason')).toContain('驳回须说明理由');
    await shot(town, 'policy-03-reject-needs-reason');
    await tid(town, 'reject-reason').fill('车票与出行日期不符');
    await tid(town, 'reject-submit').click();
    await poll(() => tid(town, 'claim-status').getAttribute('data-status')).toBe('rejected');
    expect(await tid(town, 'claim-steps').textContent()).toContain('车票与出行日期不符');
  });

  it('shows the county why it cannot approve without a budget; the budget page sets one and shows what remains', async () => {
    await tid(county, 'nav-claimQueue').click();
    await poll(() => tid(county, `queue-level-${paidClaim}`).textContent()).toBe('县级审批');
    await tid(county, `approve-${paidClaim}`).click();
    await tid(county, `approve-confirm-${paidClaim}`).click();
    await poll(() => tid(county, 'queue-problem').getAttribute('data-code')).toBe('budget_missing');
    expect(await tid(county, 'queue-problem').textContent()).toContain('尚未设置预算');
    await shot(county, 'policy-04-county-no-budget');

    await tid(county, 'nav-budgets').click();
    await tid(county, 'budget-form').waitFor();
    await tid(county, 'budget-year').fill('2020');
    await tid(county, 'budget-amount').fill('1000');
    await tid(county, 'budget-save').click();
    await poll(() => tid(county, `budget-remaining-${BUDGET_ROW}`).textContent()).toBe('1,000.00');

    await tid(county, 'nav-claimQueue').click();
    await tid(county, `approve-${paidClaim}`).click();
    await tid(county, `approve-confirm-${paidClaim}`).click();
    await tid(county, `queue-row-${paidClaim}`).waitFor({ state: 'detached' });
    await tid(county, 'nav-budgets').click();
    await poll(() => tid(county, `budget-remaining-${BUDGET_ROW}`).textContent()).toBe('349.50');
    await shot(county, 'policy-05-budget-after-approval');
  });

  it('pays the approved claim in a batch with the exact amount, and exports it as .xlsx', async () => {
    await tid(county, 'nav-batches').click();
    await tid(county, `payable-row-${paidClaim}`).waitFor();
    await poll(() => tid(county, 'batch-chosen').textContent()).toBe('已选 1 笔，合计 650.50 元');
    await tid(county, 'batch-create').click();
    await county.waitForURL(/\/payments\/batches\/\d+$/);
    batchId = Number(new URL(county.url()).pathname.split('/').pop());
    await poll(() => tid(county, 'batch-total').textContent()).toContain('650.50');
    expect(await tid(county, 'batch-net').textContent()).toContain('650.50');
    const entries = await tid(county, 'batch-entries').textContent();
    expect(entries).toContain(`#${paidClaim}`);
    expect(entries).toContain('650.50');
    await shot(county, 'policy-06-batch');

    const href = await tid(county, 'batch-export').getAttribute('href');
    expect(href).toBe(`/api/v1/payment-batches/${batchId}/export`);
    const xlsx = await county.request.get(`${srv.url}${href}`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    expect((await xlsx.body()).subarray(0, 2).toString('latin1')).toBe('PK');

    // The claim now says it is paid, with both levels of approval by two people.
    await county.goto(`${srv.url}/claims/${paidClaim}`);
    await poll(() => tid(county, 'claim-status').getAttribute('data-status')).toBe('paid');
    const steps = await tid(county, 'claim-steps').textContent();
    expect(steps).toContain('hy-town');
    expect(steps).toContain('hy-county');
    expect(await tid(county, 'claim-amount').textContent()).toContain('650.50');
    await shot(county, 'policy-07-claim-paid');
  });

  it('reverses a payment with a reason, never editing it: the net falls to zero and the claim can be paid again', async () => {
    await county.goto(`${srv.url}/payments/batches/${batchId}`);
    const entryId = (await tid(county, 'batch-entries').locator('[data-testid^="entry-row-"]').first().getAttribute('data-testid'))!.replace('entry-row-', '');
    await tid(county, `reverse-${entryId}`).click();
    // The dialog's form must be there before its button submits it.
    await tid(county, 'reverse-reason').waitFor();
    await tid(county, 'reverse-submit').click();
    await poll(() => fieldError(county, 'reverse-reason')).toContain('冲正须说明理由');
    await tid(county, 'reverse-reason').fill('收款账户有误，退回重付');
    await tid(county, 'reverse-submit').click();
    await poll(() => tid(county, 'batch-net').textContent()).toContain('0.00');
    expect(await tid(county, 'batch-total').textContent()).toContain('650.50');
    expect(await tid(county, 'batch-reversed').textContent()).toContain('-650.50');
    expect(await tid(county, 'batch-reversals').textContent()).toContain('收款账户有误');
    await shot(county, 'policy-08-batch-reversed');
    await county.goto(`${srv.url}/claims/${paidClaim}`);
    await poll(() => tid(county, 'claim-status').getAttribute('data-status')).toBe('approved');
  });

  it('files a claim from the form, filling by hand what the records do not give', async () => {
    const p = people[2];
    await county.goto(`${srv.url}/claims/new?policy=${POLICY}&subjectKind=trip&subjectId=90002:${p.id}`);
    await tid(county, 'claim-facts-form').waitFor();
    // Whether or not the records answer, every fact can be typed in.
    await poll(async () => (await tid(county, 'claim-lookup-problem').count()) + (await tid(county, 'claim-lookup-done').count())).toBeGreaterThan(0);
    await tid(county, 'claim-person-id').fill(String(p.id));
    await tid(county, 'claim-region').locator('input').fill(p.village);
    await tid(county, 'fact-personCategory').click();
    await county.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: p.category === 'lifted' ? '脱贫户' : '监测户' }).click();
    await tid(county, 'fact-homeRegion').locator('input').fill(p.village);
    await tid(county, 'fact-workRegion').locator('input').fill('440300');
    await tid(county, 'fact-travelCost').fill('420.3');
    await tid(county, 'fact-travelDate').fill('2020-04-02');
    await tid(county, 'fact-claimsThisYear').fill('0');
    await tid(county, 'claim-person-id').click();
    await poll(() => tid(county, 'claim-preview-result').getAttribute('data-eligible')).toBe('true');
    expect(await tid(county, 'claim-preview-result').textContent()).toContain('420.30');
    await shot(county, 'policy-09-new-claim');
    await tid(county, 'claim-create-submit').click();
    await county.waitForURL(/\/claims\/\d+$/);
    await poll(() => tid(county, 'claim-status').getAttribute('data-status')).toBe('submitted');
    expect(await tid(county, 'claim-amount').textContent()).toContain('420.30');
  });

  it('fills the form from the records for a month on a public-welfare post, leaving the insurance to be typed in', async () => {
    const post = await srv.app.database.db
      .selectFrom('persons')
      .innerJoin('households', 'households.id', 'persons.household_id')
      .select(['persons.id as id', 'persons.village_code as village', 'persons.monthly_income_yuan as pay'])
      .where('persons.employment_status', '=', 'public_welfare')
      .where('households.category', 'in', ['lifted', 'monitored'])
      .where('persons.monthly_income_yuan', '<=', 800)
      .orderBy('persons.id')
      .executeTakeFirstOrThrow();
    await county.goto(`${srv.url}/claims/new?policy=public-welfare-post-shanxi-2020&subjectKind=post-month&subjectId=${post.id}:2020-04`);
    await poll(() => tid(county, 'claim-lookup-done').textContent()).toContain('人身意外伤害保险保额');
    expect(await tid(county, 'claim-person-id').inputValue()).toBe(String(post.id));
    // What the records hold is shown, not edited: the claim will be made on it.
    expect(await tid(county, 'claim-region').inputValue()).toBe(post.village);
    expect(await tid(county, 'fact-postRegion').inputValue()).toBe(post.village);
    expect(await tid(county, 'fact-monthlyPay').isDisabled()).toBe(true);
    expect(await tid(county, 'fact-insuranceCoverage').isDisabled()).toBe(false);
    expect(await tid(county, 'fact-monthlyPay').inputValue()).toBe(Number(post.pay).toFixed(2));
    expect(await county.locator('.ant-form-item', { has: tid(county, 'fact-insuranceCoverage') }).locator('.ant-form-item-explain').textContent()).toContain('记录中没有');
    await tid(county, 'fact-insuranceCoverage').fill('300000');
    await tid(county, 'fact-insuranceCoverage').press('Tab');
    await poll(() => tid(county, 'claim-preview-result').getAttribute('data-eligible')).toBe('true');
    expect(await tid(county, 'claim-preview-result').textContent()).toContain(`${Number(post.pay).toFixed(2)} 元`);
    await shot(county, 'policy-10-new-claim-from-records');
    await tid(county, 'claim-create-submit').click();
    await county.waitForURL(/\/claims\/\d+$/);
    await poll(() => tid(county, 'claim-status').getAttribute('data-status')).toBe('submitted');
    expect(await tid(county, 'claim-facts').textContent()).toContain('300000');
  });

  it('switches the budget page to English', async () => {
    await tid(county, 'nav-budgets').click();
    await tid(county, 'lang-switch').click();
    await poll(() => tid(county, 'budgets-page').locator('th', { hasText: 'Remaining (yuan)' }).count()).toBe(1);
    expect(await tid(county, 'nav-batches').textContent()).toBe('Payment batches');
    await shot(county, 'policy-11-budgets-en');
    await tid(county, 'lang-switch').click();
    expect(pageErrors).toEqual([]);
  });
});
