import fs from 'node:fs';
import path from 'node:path';
import type { RowError } from './prepare.ts';

const esc = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The rejected rows as a CSV a county clerk can open in Excel (UTF-8 with BOM), fix and import
 * again: the row number, the reasons, then the row's own cells under the file's headers.
 * Written as the import runs, so it never holds more than one batch of errors.
 */
export class ErrorReportWriter {
  private out: fs.WriteStream;
  private pending: { row: number; cells?: string[]; reasons: string[] } | undefined;
  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.out = fs.createWriteStream(file);
  }

  start(names: string[], zh: boolean): void {
    const head = zh ? ['行号', '错误原因', '错误代码'] : ['row', 'reason', 'code'];
    this.out.write(`\uFEFF${[...head, ...names].map(esc).join(',')}\r\n`);
  }

  add(errors: RowError[]): void {
    for (const e of errors) {
      if (this.pending && this.pending.row !== e.row) this.flush();
      if (!this.pending) this.pending = { row: e.row, cells: e.cells, reasons: [] };
      this.pending.reasons.push(`${e.column}: ${e.messageZh} (${e.message}) [${e.code}]`);
    }
  }

  private flush(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    const codes = p.reasons.map((r) => /\[([\w]+)\]$/.exec(r)?.[1] ?? '').join(' ');
    this.out.write(`${[String(p.row), p.reasons.join('；'), codes, ...(p.cells ?? [])].map(esc).join(',')}\r\n`);
  }

  async close(): Promise<void> {
    this.flush();
    await new Promise<void>((resolve, reject) => this.out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}
