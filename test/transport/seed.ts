import { creditCodeCheckChar } from '../../src/domain/demand/credit-code.ts';
import { makeIdNumber } from '../../src/domain/ledger/id-number.ts';
import type { Client } from '../support/http.ts';

/** 浑源县 and three of its villages, in three townships (永安镇, 西坊城镇, 蔡村镇). */
export const HUNYUAN = '140225';
export const VILLAGES = ['140225100010', '140225101204', '140225102200'];
/** 大同市平城区: where the garden company of the field report is. */
export const DATONG_SITE = '140213';
/** 苏州市吴中区. */
export const SUZHOU_SITE = '320506';

function creditCode(n: number, region: string): string {
  const body = `91${region}MA${String(n).padStart(7, '0')}`;
  return body + creditCodeCheckChar(body);
}

export interface Seeded {
  datong: { id: number; name: string };
  suzhou: { id: number; name: string };
  /** Person ids: the 50 going to Datong (in household order), the 3 going to Suzhou, and the others. */
  toDatong: number[];
  toSuzhou: number[];
  seeking: number;
  unknownEmployer: number;
  /** Person ids from lifted or monitored households. */
  poor: Set<number>;
}

let seq = 0;

/**
 * A county ledger as the March 2020 run found it: 50 people available from 18 March to work at a
 * Datong garden company, 3 to a Suzhou factory from 20 to 25 March, one seeking work with no
 * employer yet and one naming an employer that is not registered.
 */
export async function seedCounty(officer: Client): Promise<Seeded> {
  const employer = async (name: string, region: string) => {
    const r = await officer.post('/api/v1/employers', { name, creditCode: creditCode(++seq, region.slice(0, 6)), regionCode: region, operatingStatus: 'operating', employeesTotal: 300, poorEmployees: 20 });
    if (r.status !== 201) throw new Error(`employer: ${JSON.stringify(r.body)}`);
    return { id: r.body.id as number, name };
  };
  const datong = await employer('大同兰苑园林绿化工程有限公司', DATONG_SITE);
  const suzhou = await employer('苏州某电子厂', SUZHOU_SITE);
  const out: Seeded = { datong, suzhou, toDatong: [], toSuzhou: [], seeking: 0, unknownEmployer: 0, poor: new Set() };

  const household = async (no: string, village: string, category: string, members: Record<string, unknown>[]) => {
    const r = await officer.post('/api/v1/households', {
      householdNo: no,
      villageCode: village,
      category,
      ...(category === 'monitored' ? { monitoredSubtype: 'marginal' } : {}),
      members: members.map((m, i) => ({ relation: i === 0 ? 'head' : 'child', laborCapacity: 'full', idNumber: makeIdNumber(HUNYUAN, `198${i % 10}-0${(i % 9) + 1}-1${i % 9}`, ++seq), ...m })),
    });
    if (r.status !== 201) throw new Error(`household: ${JSON.stringify(r.body)}`);
    const ids = (r.body.members as { id: number }[]).map((m) => m.id);
    if (category !== 'none') for (const id of ids) out.poor.add(id);
    return ids;
  };
  const going = (employerName: string, availableFrom: string, n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i + 1}`, employmentStatus: employerName.startsWith('苏州') ? 'employed_outside' : 'employed_province', employerName, availableFrom, phone: `1380351${String(++seq).padStart(4, '0')}` }));

  // 10 households of 5, across the three villages; 6 of them poor.
  for (let h = 0; h < 10; h++) {
    const ids = await household(`HY-${h}`, VILLAGES[h % 3], h < 4 ? 'none' : h < 8 ? 'lifted' : 'monitored', going(datong.name, '2020-03-18', 5, `景${h}-`));
    out.toDatong.push(...ids);
  }
  const s1 = await household('HY-S1', VILLAGES[0], 'lifted', [...going(suzhou.name, '2020-03-20', 2, '苏甲')]);
  const s2 = await household('HY-S2', VILLAGES[1], 'none', [...going(suzhou.name, '2020-03-25', 1, '苏乙')]);
  out.toSuzhou.push(...s1, ...s2);
  [out.seeking] = await household('HY-N1', VILLAGES[2], 'lifted', [{ name: '待业者', employmentStatus: 'seeking', availableFrom: '2020-03-18' }]);
  [out.unknownEmployer] = await household('HY-N2', VILLAGES[2], 'lifted', [{ name: '未登记单位者', employmentStatus: 'employed_outside', employerName: '不存在的公司', availableFrom: '2020-03-18' }]);
  return out;
}

/**
 * Logs in once the server takes requests: right after start-up the event loop has been busy
 * loading the regions and load shedding answers 503 for a moment.
 */
export async function loginSettled(client: Client, username: string, password: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = await client.post('/api/v1/auth/login', { username, password });
    if (r.status === 200) return;
    if (r.status !== 503) throw new Error(`login of ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`login of ${username}: the server stayed overloaded`);
}
