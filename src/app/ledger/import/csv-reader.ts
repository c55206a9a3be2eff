import fs from 'node:fs';
import iconv from 'iconv-lite';

/**
 * Streams the records of a CSV file as arrays of cells, decoding UTF-8 (with or without BOM) or
 * GB18030 (what Chinese Excel writes for "CSV"). The encoding is decided at the first chunk holding a
 * non-ASCII byte: a strict UTF-8 decode of it either succeeds, or the file is GB18030.
 *
 * The splitter is written here rather than taken from csv-parse because csv-parse measured
 * ~20 µs a row on this kind of machine, which alone would spend twice the whole import's budget;
 * this one handles the RFC 4180 rules spreadsheets produce (quotes, doubled quotes, CR/LF inside
 * quotes, CRLF/LF/CR line ends) at ~1 µs a row.
 */
export interface CsvRecords {
  /** Bytes read so far, for progress. */
  bytesRead(): number;
  encoding(): 'utf-8' | 'gb18030' | 'ascii';
  /** Records in chunks (one array per block of the file read), to keep per-record overhead low. */
  [Symbol.asyncIterator](): AsyncIterator<string[][]>;
}

type Decoder = (chunk: Buffer) => string;

function hasHighByte(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return true;
  return false;
}

export function readCsv(file: string, opts: { highWaterMark?: number } = {}): CsvRecords {
  let bytes = 0;
  let enc: 'utf-8' | 'gb18030' | 'ascii' = 'ascii';
  return {
    bytesRead: () => bytes,
    encoding: () => enc,
    async *[Symbol.asyncIterator]() {
      // 64 KB a read: every record of a chunk is alive until the chunk is done, so with 1 MB chunks
      // the young generation copied ~5,000 rows of cells at each scavenge (6.4 µs a row read,
      // against 1.7 µs at 64 KB).
      const stream = fs.createReadStream(file, { highWaterMark: opts.highWaterMark ?? 1 << 16 });
      let decode: Decoder | undefined;
      let first = true;
      const splitter = new CsvSplitter();
      try {
        for await (const raw of stream as AsyncIterable<Buffer>) {
          let chunk = raw;
          bytes += chunk.length;
          if (first) {
            first = false;
            if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
          }
          if (!decode) {
            if (!hasHighByte(chunk)) {
              yield splitter.feed(chunk.toString('latin1'));
              continue;
            }
            decode = chooseDecoder(chunk);
            enc = decode === undefined ? 'ascii' : (decode as any).encodingName;
          }
          yield splitter.feed(decode(chunk));
        }
        yield splitter.end();
      } finally {
        stream.destroy();
      }
    },
  };
}

function chooseDecoder(sample: Buffer): Decoder {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    utf8.decode(sample, { stream: true });
    const d = new TextDecoder('utf-8', { fatal: true });
    const f = ((c: Buffer) => d.decode(c, { stream: true })) as Decoder & { encodingName: string };
    f.encodingName = 'utf-8';
    return f;
  } catch {
    const d = iconv.getDecoder('gb18030');
    const f = ((c: Buffer) => d.write(c)) as Decoder & { encodingName: string };
    f.encodingName = 'gb18030';
    return f;
  }
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Incremental RFC 4180 splitter: feed text, get the records completed so far. */
export class CsvSplitter {
  private rest = '';
  private delimiter = -1;

  feed(text: string): string[][] {
    const out: string[][] = [];
    const s = this.rest ? this.rest + text : text;
    if (this.delimiter < 0) {
      const nl = s.search(/[\r\n]/);
      if (nl < 0 && s.length < 1 << 16) {
        this.rest = s;
        return out;
      }
      const head = nl < 0 ? s : s.slice(0, nl);
      this.delimiter = !head.includes(',') && head.includes('\t') ? 9 : 44;
    }
    let pos = 0;
    const n = s.length;
    const delim = this.delimiter;
    for (;;) {
      const start = pos;
      const rec: string[] = [];
      let complete = false;
      while (pos < n) {
        let c = s.charCodeAt(pos);
        if (c === QUOTE) {
          // Quoted field: runs to the closing quote; "" is a literal quote.
          let out = '';
          let from = pos + 1;
          let closed = false;
          let i = from;
          while (i < n) {
            const q = s.indexOf('"', i);
            if (q < 0) break;
            if (s.charCodeAt(q + 1) === QUOTE) {
              out += s.slice(from, q + 1);
              i = from = q + 2;
              continue;
            }
            if (q + 1 >= n) break; // cannot tell yet whether a quote follows
            out += s.slice(from, q);
            pos = q + 1;
            closed = true;
            break;
          }
          if (!closed) {
            pos = n;
            break;
          }
          // Text after the closing quote up to the delimiter is kept, as spreadsheets do.
          let j = pos;
          while (j < n && (c = s.charCodeAt(j)) !== delim && c !== LF && c !== CR) j++;
          if (j >= n) {
            pos = n;
            break;
          }
          rec.push(j > pos ? out + s.slice(pos, j) : out);
          pos = j;
        } else {
          let j = pos;
          while (j < n && (c = s.charCodeAt(j)) !== delim && c !== LF && c !== CR) j++;
          if (j >= n) {
            pos = n;
            break;
          }
          rec.push(s.slice(pos, j));
          pos = j;
        }
        c = s.charCodeAt(pos);
        if (c === delim) {
          pos++;
          continue;
        }
        // End of line: CRLF, LF or CR.
        if (c === CR) {
          if (pos + 1 >= n) {
            pos = n;
            break;
          }
          pos += s.charCodeAt(pos + 1) === LF ? 2 : 1;
        } else pos++;
        complete = true;
        break;
      }
      if (!complete) {
        this.rest = s.slice(start);
        return out;
      }
      out.push(rec);
    }
  }

  /** The last record, when the file does not end with a line break (or ends inside an unclosed quote). */
  end(): string[][] {
    const s = this.rest;
    this.rest = '';
    if (!s) return [];
    if (this.delimiter < 0) this.delimiter = !s.includes(',') && s.includes('\t') ? 9 : 44;
    const out = this.feed(`${s}\n`);
    if (this.rest) {
      out.push([this.rest.replace(/[\r\n]+$/, '')]);
      this.rest = '';
    }
    return out;
  }
}
