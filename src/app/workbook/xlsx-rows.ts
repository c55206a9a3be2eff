import fs from 'node:fs';
import path from 'node:path';
import { entryText, wholeText, zipEntries, type ZipEntry } from './zip-entries.ts';

/**
 * Streams the rows of the first worksheet of an .xlsx workbook as cell texts, for the imports (the
 * ledger, employers, postings).
 * The archive's directory gives the workbook, its shared strings and the sheet; the sheet is then
 * inflated and scanned a row at a time, so memory holds the shared strings and one chunk of the
 * sheet whatever its length. A cell reads as the value a person typed: the text, the number as
 * written, a date (a number shown in a date format) as YYYY-MM-DD, a formula's cached result, 是/否
 * for a boolean, nothing for an error.
 *
 * Written for the import rather than taken from exceljs's streaming reader, which measured ~80 µs
 * a row on this kind of machine (most of an .xlsx import's time); this one reads a template row in a
 * few µs and gives the same cells (a test compares the two).
 */
export interface XlsxRow {
  /** Sheet row number (1 = the first row). */
  row: number;
  /** Cell texts from column A, '' where a cell is empty or absent. */
  cells: string[];
}

// Element names may carry a namespace prefix (`<x:row>`), as some generators write them.
const P = '(?:[A-Za-z_][\\w.-]*:)?';
const ROW_END = new RegExp(`</${P}row>`, 'g');
const ROW_OPEN = new RegExp(`<${P}row(?:\\s[^>]*)?>`, 'g');
const CELL = new RegExp(`<${P}c(?=[\\s/>])([^>]*?)(?:/>|>([\\s\\S]*?)</${P}c>)`, 'g');
const VALUE = new RegExp(`<${P}v(?:\\s[^>]*)?>([\\s\\S]*?)</${P}v>`);
const INLINE = new RegExp(`<${P}is(?:\\s[^>]*)?>([\\s\\S]*?)</${P}is>`);
const TEXT = new RegExp(`<${P}t(?:\\s[^>]*)?>([\\s\\S]*?)</${P}t>`, 'g');
const PHONETIC = new RegExp(`<${P}rPh\\b[\\s\\S]*?</${P}rPh>`, 'g');
const SI_END = new RegExp(`</${P}si>|<${P}si\\s*/>`, 'g');
const ATTR_R = /\br="([A-Za-z]*)(\d*)"/;
const ATTR_T = /\bt="([A-Za-z]+)"/;
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_, e: string) => {
    if (e[0] !== '#') return NAMED[e];
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** The text of a string item (`<si>`, `<is>`): its runs joined, phonetic guides left out. */
function runsText(xml: string): string {
  const body = xml.includes('rPh') ? xml.replace(PHONETIC, '') : xml;
  let out = '';
  TEXT.lastIndex = 0;
  for (let m = TEXT.exec(body); m; m = TEXT.exec(body)) out += m[1];
  return decodeXml(out);
}

function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) & 0xdf) - 64);
  return n - 1;
}

const resolveTarget = (base: string, target: string) => (target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(base), target)));

/** Relationship id → target path, of a `.rels` part. */
function relationships(xml: string, part: string): Map<string, { target: string; type: string }> {
  const out = new Map<string, { target: string; type: string }>();
  for (const m of xml.matchAll(new RegExp(`<${P}Relationship\\s([^>]*?)/?>`, 'g'))) {
    const id = /\bId="([^"]*)"/.exec(m[1])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[1])?.[1];
    const type = /\bType="([^"]*)"/.exec(m[1])?.[1] ?? '';
    if (id && target) out.set(id, { target: resolveTarget(part, decodeXml(target)), type });
  }
  return out;
}

/** The parts of the first worksheet, the shared strings and the styles, and the workbook's date system. */
async function locateParts(file: string, fd: number, entries: Map<string, ZipEntry>): Promise<{ sheet: ZipEntry; strings?: ZipEntry; styles?: ZipEntry; date1904: boolean }> {
  const workbookPath = 'xl/workbook.xml';
  const workbook = entries.get(workbookPath);
  if (!workbook) throw new Error('the archive holds no workbook (xl/workbook.xml)');
  const relsPart = entries.get('xl/_rels/workbook.xml.rels');
  const rels = relsPart ? relationships(await wholeText(file, fd, relsPart), workbookPath) : new Map();
  const wb = await wholeText(file, fd, workbook);
  const first = new RegExp(`<${P}sheet\\s([^>]*?)/?>`).exec(wb);
  const rid = first && /\br:id="([^"]*)"|\b[\w.-]+:id="([^"]*)"/.exec(first[1]);
  let sheetPath = rid ? rels.get(rid[1] ?? rid[2])?.target : undefined;
  if (!sheetPath || !entries.has(sheetPath)) sheetPath = [...entries.keys()].filter((k) => /^xl\/worksheets\/[^/]+\.xml$/.test(k)).sort()[0];
  if (!sheetPath) throw new Error('the workbook has no worksheet');
  const stringsPath = [...rels.values()].find((r) => r.type.endsWith('/sharedStrings'))?.target ?? 'xl/sharedStrings.xml';
  const stylesPath = [...rels.values()].find((r) => r.type.endsWith('/styles'))?.target ?? 'xl/styles.xml';
  const pr = new RegExp(`<${P}workbookPr\\s([^>]*?)/?>`).exec(wb);
  const date1904 = !!pr && /\bdate1904="(1|true)"/.test(pr[1]);
  return { sheet: entries.get(sheetPath)!, strings: entries.get(stringsPath), styles: entries.get(stylesPath), date1904 };
}

/** Built-in number formats that show a date or time (ECMA-376 §18.8.30, with the East Asian ones). */
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom format code shows a date when, outside quoted text, escapes and [brackets], it has y, m, d, h or s. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[ymdhs]/i.test(bare.split(';')[0]) && !/^General$/i.test(bare.trim());
}

/** For each cell style index (the `s` of a cell), whether it shows a date. */
async function dateStyles(file: string, fd: number, entry: ZipEntry | undefined): Promise<boolean[]> {
  if (!entry) return [];
  const xml = await wholeText(file, fd, entry);
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(new RegExp(`<${P}numFmt\\s([^>]*?)/?>`, 'g'))) {
    const id = /\bnumFmtId="(\d+)"/.exec(m[1]);
    const code = /\bformatCode="([^"]*)"/.exec(m[1]);
    if (id && code) custom.set(Number(id[1]), decodeXml(code[1]));
  }
  const xfs = new RegExp(`<${P}cellXfs\\b[^>]*>([\\s\\S]*?)</${P}cellXfs>`).exec(xml);
  if (!xfs) return [];
  const out: boolean[] = [];
  for (const m of xfs[1].matchAll(new RegExp(`<${P}xf\\b([^>]*?)/?>`, 'g'))) {
    const id = Number(/\bnumFmtId="(\d+)"/.exec(m[1])?.[1] ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id));
  }
  return out;
}

/** A date serial as YYYY-MM-DD (as exceljs converts it: days since 1899-12-30, or 1904-01-01). */
function serialDate(serial: number, date1904: boolean): string {
  const d = new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  return Number.isNaN(d.getTime()) ? String(serial) : d.toISOString().slice(0, 10);
}

interface SheetContext {
  strings: string[];
  dates: boolean[];
  date1904: boolean;
}

/** The pieces of a streamed XML text that end at a match of `end` (a global pattern), chunk by chunk. */
async function* piecesEndingAt(texts: AsyncIterable<string>, end: RegExp): AsyncGenerator<{ body: string; tag: string }[]> {
  let buf = '';
  for await (const text of texts) {
    buf += text;
    const out: { body: string; tag: string }[] = [];
    let from = 0;
    end.lastIndex = 0;
    for (let m = end.exec(buf); m; m = end.exec(buf)) {
      out.push({ body: buf.slice(from, m.index), tag: m[0] });
      from = end.lastIndex;
    }
    buf = buf.slice(from);
    if (out.length) yield out;
  }
}

async function sharedStrings(file: string, fd: number, entry: ZipEntry | undefined, onRead: (n: number) => void): Promise<string[]> {
  const out: string[] = [];
  if (!entry) return out;
  for await (const pieces of piecesEndingAt(entryText(file, fd, entry, onRead), SI_END)) {
    for (const { body, tag } of pieces) out.push(tag.endsWith('/>') ? '' : runsText(body));
  }
  return out;
}

const ATTR_S = /\bs="(\d+)"/;

function cellText(attrs: string, inner: string | undefined, x: SheetContext): string {
  if (!inner) return '';
  const type = ATTR_T.exec(attrs)?.[1] ?? 'n';
  if (type === 'inlineStr') {
    const is = INLINE.exec(inner);
    return is ? runsText(is[1]) : '';
  }
  const v = VALUE.exec(inner);
  if (!v) return '';
  const raw = v[1];
  switch (type) {
    case 's':
      return x.strings[Number(raw)] ?? '';
    case 'str':
      return decodeXml(raw);
    case 'b':
      return raw.trim() === '1' ? '是' : '否';
    case 'e':
      return '';
    case 'd': {
      const d = new Date(decodeXml(raw));
      return Number.isNaN(d.getTime()) ? decodeXml(raw) : d.toISOString().slice(0, 10);
    }
    default: {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) return decodeXml(raw);
      const style = ATTR_S.exec(attrs);
      return style && x.dates[Number(style[1])] ? serialDate(n, x.date1904) : String(n);
    }
  }
}

/** One row from the text before its `</row>`; undefined when that text holds no opening tag. */
function parseRow(segment: string, previousRow: number, x: SheetContext): XlsxRow | undefined {
  // The row's opening tag is the last one before its end (any earlier ones are empty `<row/>`s).
  let open: RegExpExecArray | null = null;
  ROW_OPEN.lastIndex = 0;
  for (let o = ROW_OPEN.exec(segment); o; o = ROW_OPEN.exec(segment)) if (!o[0].endsWith('/>')) open = o;
  if (!open) return undefined;
  const r = /\br="(\d+)"/.exec(open[0]);
  const body = segment.slice(open.index + open[0].length);
  const cells: string[] = [];
  let col = -1;
  CELL.lastIndex = 0;
  for (let c = CELL.exec(body); c; c = CELL.exec(body)) {
    const ref = ATTR_R.exec(c[1]);
    col = ref && ref[1] ? columnIndex(ref[1]) : col + 1;
    const t = cellText(c[1], c[2], x);
    if (t === '') continue;
    while (cells.length < col) cells.push('');
    cells[col] = t;
  }
  return { row: r ? Number(r[1]) : previousRow + 1, cells };
}

/** Rows of the first worksheet, in chunks; `onRead` counts the archive bytes read, for progress. */
export async function* readXlsxRows(file: string, onRead: (n: number) => void = () => {}): AsyncGenerator<XlsxRow[]> {
  const fd = fs.openSync(file, 'r');
  try {
    const entries = zipEntries(fd);
    const parts = await locateParts(file, fd, entries);
    const x: SheetContext = { strings: await sharedStrings(file, fd, parts.strings, onRead), dates: await dateStyles(file, fd, parts.styles), date1904: parts.date1904 };
    let lastRow = 0;
    for await (const pieces of piecesEndingAt(entryText(file, fd, parts.sheet, onRead), ROW_END)) {
      const out: XlsxRow[] = [];
      for (const { body } of pieces) {
        const row = parseRow(body, lastRow, x);
        if (!row) continue;
        lastRow = row.row;
        out.push(row);
      }
      if (out.length) yield out;
    }
  } finally {
    fs.closeSync(fd);
  }
}
