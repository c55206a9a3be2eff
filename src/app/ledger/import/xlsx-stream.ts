import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * exceljs's streaming WorkbookReader, with one defect mended: its SAX feed decodes each inflated
 * chunk on its own, so a Chinese character split across two chunks comes out as "��" (exceljs
 * issues #2063, #2084; unfixed in 4.4.0). A county ledger is nearly all Chinese text, so about one
 * row in a hundred was damaged. This loads a private copy of the reader whose feed keeps a
 * streaming UTF-8 decoder per entry; the copy is kept out of the module cache, so other users of
 * exceljs are untouched.
 */
const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('exceljs/package.json'));
const lib = (p: string) => path.join(root, 'lib', p);
const local = createRequire(lib('utils/parse-sax.js'));

function fixedParseSax() {
  const { SaxesParser } = local('saxes');
  return async function* parseSax(iterable: AsyncIterable<Buffer | string>) {
    const parser = new SaxesParser();
    const decoder = new TextDecoder('utf-8');
    let error: unknown;
    parser.on('error', (e: unknown) => (error = e));
    let events: { eventType: string; value: unknown }[] = [];
    parser.on('opentag', (value: unknown) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value: unknown) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value: unknown) => events.push({ eventType: 'closetag', value }));
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      if (error) throw error;
      yield events;
      events = [];
    }
  };
}

let Reader: any;

/** The WorkbookReader class of the mended copy. */
export function workbookReaderClass(): any {
  if (Reader) return Reader;
  const ids = ['utils/parse-sax.js', 'stream/xlsx/worksheet-reader.js', 'stream/xlsx/workbook-reader.js'].map((p) => require.resolve(lib(p)));
  const saved = ids.map((id) => require.cache[id]);
  try {
    for (const id of ids) delete require.cache[id];
    const Module = require('node:module');
    const m = new Module(ids[0]);
    m.filename = ids[0];
    m.loaded = true;
    m.exports = fixedParseSax();
    require.cache[ids[0]] = m;
    Reader = require(ids[2]);
  } finally {
    ids.forEach((id, i) => {
      if (saved[i]) require.cache[id] = saved[i];
      else delete require.cache[id];
    });
  }
  return Reader;
}
