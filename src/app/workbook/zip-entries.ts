import fs from 'node:fs';
import zlib from 'node:zlib';

/** One file of a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** Offset of the entry's local header. */
  offset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

function readAt(fd: number, position: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, b, done, length - done, position + done);
    if (n === 0) throw new Error('the zip archive ends early');
    done += n;
  }
  return b;
}

const u64 = (b: Buffer, at: number) => Number(b.readBigUInt64LE(at));

/**
 * Reads the central directory of a zip archive on disk (zip64 included): the index at its end that
 * says where each file starts, so that one file can be read without the others, in any order.
 */
export function zipEntries(fd: number): Map<string, ZipEntry> {
  const size = fs.fstatSync(fd).size;
  const tailLength = Math.min(size, 22 + 65_535);
  if (tailLength < 22) throw new Error('not a zip archive');
  const tail = readAt(fd, size - tailLength, tailLength);
  let at = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new Error('not a zip archive, or its end is missing');
  let count = tail.readUInt16LE(at + 10);
  let dirSize = tail.readUInt32LE(at + 12);
  let dirOffset = tail.readUInt32LE(at + 16);
  if ((count === 0xffff || dirSize === MAX32 || dirOffset === MAX32) && at >= 20 && tail.readUInt32LE(at - 20) === ZIP64_LOCATOR) {
    const z = readAt(fd, u64(tail, at - 20 + 8), 56);
    if (z.readUInt32LE(0) !== ZIP64_EOCD) throw new Error('the zip64 directory is damaged');
    count = u64(z, 32);
    dirSize = u64(z, 40);
    dirOffset = u64(z, 48);
  }
  if (dirOffset + dirSize > size) throw new Error('the zip directory lies outside the file');
  const dir = readAt(fd, dirOffset, dirSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw new Error('the zip directory is damaged');
    const method = dir.readUInt16LE(p + 10);
    let compressedSize = dir.readUInt32LE(p + 20);
    const uncompressed = dir.readUInt32LE(p + 24);
    const nameLength = dir.readUInt16LE(p + 28);
    const extraLength = dir.readUInt16LE(p + 30);
    const commentLength = dir.readUInt16LE(p + 32);
    let offset = dir.readUInt32LE(p + 42);
    const name = dir.toString('utf8', p + 46, p + 46 + nameLength);
    // zip64: the sizes and offset that did not fit are in the extra field 0x0001, in this order.
    let e = p + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = dir.readUInt16LE(e);
      const len = dir.readUInt16LE(e + 2);
      if (id === 1) {
        let q = e + 4;
        if (uncompressed === MAX32) q += 8;
        if (compressedSize === MAX32) (compressedSize = u64(dir, q)), (q += 8);
        if (offset === MAX32) offset = u64(dir, q);
      }
      e += 4 + len;
    }
    entries.set(name.replace(/^\/+/, ''), { name, method, compressedSize, offset });
    p = extraEnd + commentLength;
  }
  return entries;
}

/** The bytes of one entry, inflated, as a stream of chunks; `onRead` counts the archive bytes read. */
async function* entryBytes(file: string, fd: number, entry: ZipEntry, onRead?: (n: number) => void): AsyncGenerator<Buffer> {
  const local = readAt(fd, entry.offset, 30);
  if (local.readUInt32LE(0) !== LOCAL) throw new Error(`the zip entry ${entry.name} is damaged`);
  const start = entry.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.method !== 0 && entry.method !== 8) throw new Error(`the zip entry ${entry.name} uses an unsupported compression (${entry.method})`);
  if (entry.compressedSize === 0) return;
  const raw = fs.createReadStream(file, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 16 });
  if (onRead) raw.on('data', (c) => onRead(c.length));
  if (entry.method === 0) {
    yield* raw as AsyncIterable<Buffer>;
    return;
  }
  const inflate = zlib.createInflateRaw({ chunkSize: 1 << 16 });
  raw.on('error', (e) => inflate.destroy(e));
  raw.pipe(inflate);
  try {
    yield* inflate as AsyncIterable<Buffer>;
  } finally {
    raw.destroy();
    inflate.destroy();
  }
}

/** The text of one entry, decoded as UTF-8, in chunks (a character split between chunks is kept whole). */
export async function* entryText(file: string, fd: number, entry: ZipEntry, onRead?: (n: number) => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of entryBytes(file, fd, entry, onRead)) yield decoder.decode(chunk, { stream: true });
  const last = decoder.decode();
  if (last) yield last;
}

/** The whole text of a small entry (the workbook, its relationships). */
export async function wholeText(file: string, fd: number, entry: ZipEntry): Promise<string> {
  let s = '';
  for await (const t of entryText(file, fd, entry)) s += t;
  return s;
}
