import ExcelJS from 'exceljs';
import type { Actor } from '../../domain/access/actor.ts';
import { indicator, RATIOS, SECTIONS } from '../../domain/stats/indicators.ts';
import type { App } from '../context.ts';
import { childStats, regionStats } from './stats-queries.ts';

const LEVEL_ZH: Record<string, string> = { province: '省', city: '市', county: '县', town: '乡镇', village: '村' };
const CHILD_ZH: Record<string, string> = { province: '市', city: '县（市、区）', county: '乡镇', town: '村', village: '—' };

interface Column {
  key: string;
  header: string;
  kind: 'count' | 'yuan' | 'pct';
  section: string;
}

function columns(): Column[] {
  return SECTIONS.flatMap((s) => [
    ...s.indicators.map((k): Column => {
      const i = indicator(k)!;
      return i.unit === 'fen' ? { key: k, header: `${i.zh}（元）`, kind: 'yuan', section: s.zh } : { key: k, header: i.zh, kind: 'count', section: s.zh };
    }),
    ...s.ratios.map((k): Column => ({ key: k, header: `${RATIOS.find((r) => r.key === k)!.zh}（%）`, kind: 'pct', section: s.zh })),
  ]);
}

type Row = { name: string; code: string; values: Record<string, number>; ratios: Record<string, number | null> };

function cell(c: Column, r: Row): number | null {
  if (c.kind === 'pct') return r.ratios[c.key] ?? null;
  const v = r.values[c.key] ?? 0;
  return c.kind === 'yuan' ? v / 100 : v;
}

/**
 * The statistics report of a region in the layout counties file upward: a title naming the region
 * and the date, one row per child region with every indicator as a column, the region's own
 * records (those attached to it rather than to a child) on a row of their own, and a totals row.
 * A second sheet holds each indicator's definition. Set up to print on A4 landscape.
 */
export async function statsReport(app: App, actor: Actor, q: { region?: string; date?: string }): Promise<{ filename: string; body: Buffer; regionCode: string; date: string }> {
  const total = await regionStats(app, actor, q);
  const kids = await childStats(app, actor, { region: total.region.code, date: total.date });
  const cols = columns();
  const rows: Row[] = kids.children.map((c) => ({ name: c.name, code: c.code, values: c.values, ratios: c.ratios }));
  const own: Record<string, number> = {};
  for (const k of Object.keys(total.values)) own[k] = total.values[k] - rows.reduce((s, r) => s + (r.values[k] ?? 0), 0);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jiuye';
  const ws = wb.addWorksheet('统计报表', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 4 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 2, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 } },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  const width = cols.length + 2;
  const title = `${total.region.name}农村劳动力转移就业统计报表`;
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value = `区划：${total.region.name}（${total.region.code}，${LEVEL_ZH[total.region.level] ?? ''}级）    统计截至：${total.date} 日终    金额单位：元`;
  ws.getCell(2, 1).alignment = { horizontal: 'center' };

  // Two header rows: the section over its columns, then each indicator.
  ws.mergeCells(3, 1, 4, 1);
  ws.getCell(3, 1).value = `${CHILD_ZH[total.region.level] ?? '区划'}名称`;
  ws.mergeCells(3, 2, 4, 2);
  ws.getCell(3, 2).value = '区划代码';
  let start = 3;
  for (const s of SECTIONS) {
    const n = s.indicators.length + s.ratios.length;
    ws.mergeCells(3, start, 3, start + n - 1);
    ws.getCell(3, start).value = s.zh;
    start += n;
  }
  cols.forEach((c, i) => (ws.getCell(4, i + 3).value = c.header));
  for (const r of [3, 4]) {
    ws.getRow(r).height = r === 4 ? 48 : 20;
    for (let c = 1; c <= width; c++) {
      const x = ws.getCell(r, c);
      x.font = { bold: true };
      x.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      x.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
    }
  }

  const write = (name: string, code: string, get: (c: Column) => number | null, bold = false) => {
    const row = ws.addRow([name, code, ...cols.map(get)]);
    row.eachCell((x, i) => {
      if (bold) x.font = { bold: true };
      if (i > 2) x.numFmt = cols[i - 3].kind === 'count' ? '#,##0' : cols[i - 3].kind === 'yuan' ? '#,##0.00' : '0.00';
    });
  };
  for (const r of rows) write(r.name, r.code, (c) => cell(c, r));
  if (Object.values(own).some((v) => v !== 0)) {
    write('本级（直接登记在本区划）', total.region.code, (c) => (c.kind === 'pct' ? null : c.kind === 'yuan' ? (own[c.key] ?? 0) / 100 : (own[c.key] ?? 0)));
  }
  write('合计', total.region.code, (c) => cell(c, { name: '', code: '', values: total.values, ratios: total.ratios }), true);

  const last = ws.rowCount;
  for (let r = 3; r <= last; r++) {
    for (let c = 1; c <= width; c++) ws.getCell(r, c).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  }
  ws.getColumn(1).width = 24;
  ws.getColumn(2).width = 14;
  for (let c = 3; c <= width; c++) ws.getColumn(c).width = 10;
  ws.pageSetup.printTitlesRow = '3:4';
  ws.pageSetup.printTitlesColumn = 'A:B';
  ws.pageSetup.printArea = `A1:${ws.getColumn(width).letter}${last}`;

  const defs = wb.addWorksheet('指标说明', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  defs.columns = [
    { header: '分组', width: 14 },
    { header: '指标', width: 22 },
    { header: '口径', width: 90 },
  ];
  for (const s of SECTIONS) {
    for (const k of s.indicators) {
      const i = indicator(k)!;
      defs.addRow([s.zh, i.unit === 'fen' ? `${i.zh}（元）` : i.zh, i.definitionZh]);
    }
    for (const k of s.ratios) {
      const r = RATIOS.find((x) => x.key === k)!;
      defs.addRow([s.zh, `${r.zh}（%）`, `${indicator(r.numerator)!.zh} ÷ ${indicator(r.denominator)!.zh} × 100%`]);
    }
  }
  defs.getRow(1).font = { bold: true };
  defs.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  const body = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `stats-${total.region.code}-${total.date}.xlsx`, body, regionCode: total.region.code, date: total.date };
}
