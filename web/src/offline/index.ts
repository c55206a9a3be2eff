/**
 * Offline work for pages used where the signal is weak (the verifier's visits, the escort's
 * boarding checks). Everything lives in IndexedDB, so it survives a reload and a phone restart.
 *
 *   const store = await openOfflineStore('verifier-17');      // one store per page and account
 *
 * Downloaded records, by kind and key:
 *   await store.replaceRecords('task', tasks.map((t) => ({ key: String(t.id), value: t })));
 *   await store.putRecord('task', '12', task);   store.getRecord<Task>('task', '12');
 *   store.getRecords<Task>('task');               // all of a kind, in key order
 *   store.setMeta('round', round);  store.getMeta<Round>('round');
 *
 * The outbox: writes queued in order, each with an idempotency key made once, at capture time:
 *   await store.enqueue({ method: 'POST', path: '/verification-rounds/3/visits', body, ref: 'task:12' });
 *   store.outbox();                               // pending and failed items, oldest first
 *
 * Sending: `sync` sends pending items one by one with an `Idempotency-Key` header (the server
 * stores the key and answers a resend with the first result, so a reply lost on the way costs
 * nothing). A delivered item leaves the outbox and its answer goes to `onDelivered`; a refusal
 * (4xx) stays in the outbox as `failed` with the problem, for the page to show; a network error or
 * 5xx stops the run and leaves the rest pending for the next try. Runs of two tabs never overlap.
 *   const report = await sync(store, { onDelivered: (item, body) => … });
 *   // { delivered, failed, remaining, stoppedBy: 'offline' | 'server' | null }
 *
 *   store.clear();                                // at logout: nothing stays on the phone
 */
import { done, openDatabase, request } from './idb.ts';

export interface OutboxItem {
  id: number;
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path under /api/v1. */
  path: string;
  body: unknown;
  idempotencyKey: string;
  /** What the item is about, for the page (e.g. `task:12`). */
  ref: string | null;
  createdAt: string;
  status: 'pending' | 'failed';
  attempts: number;
  /** The server's problem body when it refused the item. */
  problem?: { status: number; code: string; detail: string; errors?: unknown[] };
}

export interface OfflineStore {
  name: string;
  putRecord<T>(kind: string, key: string, value: T): Promise<void>;
  getRecord<T>(kind: string, key: string): Promise<T | undefined>;
  getRecords<T>(kind: string): Promise<T[]>;
  /** Replaces every record of a kind at once (a fresh download). */
  replaceRecords<T>(kind: string, records: { key: string; value: T }[]): Promise<void>;
  setMeta<T>(key: string, value: T): Promise<void>;
  getMeta<T>(key: string): Promise<T | undefined>;
  enqueue(item: { method: OutboxItem['method']; path: string; body: unknown; ref?: string | null }): Promise<OutboxItem>;
  outbox(): Promise<OutboxItem[]>;
  updateItem(item: OutboxItem): Promise<void>;
  removeItem(id: number): Promise<void>;
  clear(): Promise<void>;
}

const VERSION = 1;

function newKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}-${Math.random().toString(36).slice(2)}`;
}

export async function openOfflineStore(name: string): Promise<OfflineStore> {
  const db = await openDatabase(`jiuye-offline-${name}`, VERSION, (d) => {
    if (!d.objectStoreNames.contains('records')) d.createObjectStore('records', { keyPath: ['kind', 'key'] });
    if (!d.objectStoreNames.contains('outbox')) d.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
    if (!d.objectStoreNames.contains('meta')) d.createObjectStore('meta', { keyPath: 'key' });
  });
  const store = (s: string, mode: IDBTransactionMode) => db.transaction(s, mode).objectStore(s);
  const range = (kind: string) => IDBKeyRange.bound([kind, ''], [kind, '\uffff']);
  return {
    name,
    async putRecord(kind, key, value) {
      await request(store('records', 'readwrite').put({ kind, key, value }));
    },
    async getRecord<T>(kind: string, key: string) {
      return ((await request(store('records', 'readonly').get([kind, key]))) as { value: T } | undefined)?.value;
    },
    async getRecords<T>(kind: string) {
      return ((await request(store('records', 'readonly').getAll(range(kind)))) as { value: T }[]).map((r) => r.value);
    },
    async replaceRecords(kind, records) {
      const tx = db.transaction('records', 'readwrite');
      const s = tx.objectStore('records');
      s.delete(range(kind));
      for (const r of records) s.put({ kind, key: r.key, value: r.value });
      await done(tx);
    },
    async setMeta(key, value) {
      await request(store('meta', 'readwrite').put({ key, value }));
    },
    async getMeta<T>(key: string) {
      return ((await request(store('meta', 'readonly').get(key))) as { value: T } | undefined)?.value;
    },
    async enqueue(item) {
      const row: Omit<OutboxItem, 'id'> = { method: item.method, path: item.path, body: item.body, ref: item.ref ?? null, idempotencyKey: newKey(), createdAt: new Date().toISOString(), status: 'pending', attempts: 0 };
      const id = (await request(store('outbox', 'readwrite').add(row))) as number;
      return { ...row, id };
    },
    async outbox() {
      return (await request(store('outbox', 'readonly').getAll())) as OutboxItem[];
    },
    async updateItem(item) {
      await request(store('outbox', 'readwrite').put(item));
    },
    async removeItem(id) {
      await request(store('outbox', 'readwrite').delete(id));
    },
    async clear() {
      const tx = db.transaction(['records', 'outbox', 'meta'], 'readwrite');
      for (const s of ['records', 'outbox', 'meta']) tx.objectStore(s).clear();
      await done(tx);
    },
  };
}

export interface SyncReport {
  delivered: number;
  failed: number;
  remaining: number;
  stoppedBy: 'offline' | 'server' | null;
}

export interface SyncOptions {
  /** Called with each delivered item and the server's answer (the first answer, for a resend). */
  onDelivered?: (item: OutboxItem, body: unknown) => void | Promise<void>;
  /** Sends failed items again too (after the user corrected what the server refused). */
  retryFailed?: boolean;
  /** For tests and other transports; defaults to fetch on /api/v1 with the session cookie. */
  send?: (item: OutboxItem) => Promise<{ status: number; body: unknown }>;
}

async function fetchSend(item: OutboxItem): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`/api/v1${item.path}`, {
    method: item.method,
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json', 'X-Requested-With': 'jiuye', 'Idempotency-Key': item.idempotencyKey },
    body: item.body === undefined ? undefined : JSON.stringify(item.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // a gateway's HTML page: keep the text
  }
  return { status: res.status, body };
}

async function run(store: OfflineStore, opts: SyncOptions): Promise<SyncReport> {
  const send = opts.send ?? fetchSend;
  const report: SyncReport = { delivered: 0, failed: 0, remaining: 0, stoppedBy: null };
  const items = (await store.outbox()).filter((i) => i.status === 'pending' || opts.retryFailed);
  for (const item of items) {
    let r: { status: number; body: unknown };
    try {
      r = await send(item);
    } catch {
      report.stoppedBy = 'offline';
      break;
    }
    if (r.status >= 200 && r.status < 300) {
      await store.removeItem(item.id);
      report.delivered++;
      await opts.onDelivered?.(item, r.body);
    } else if (r.status >= 500 || r.status === 408 || r.status === 429 || r.status === 401) {
      // Not the item's fault: try again later (after logging in again, for a 401).
      await store.updateItem({ ...item, attempts: item.attempts + 1 });
      report.stoppedBy = 'server';
      break;
    } else {
      const p = (r.body ?? {}) as Record<string, unknown>;
      await store.updateItem({ ...item, attempts: item.attempts + 1, status: 'failed', problem: { status: r.status, code: String(p.code ?? `http_${r.status}`), detail: String(p.detail ?? ''), errors: (p.errors as unknown[]) ?? undefined } });
      report.failed++;
    }
  }
  report.remaining = (await store.outbox()).filter((i) => i.status === 'pending').length;
  return report;
}

/** Sends the outbox (see the top of this file). */
export async function sync(store: OfflineStore, opts: SyncOptions = {}): Promise<SyncReport> {
  const locks = (navigator as Navigator & { locks?: { request<T>(name: string, cb: () => Promise<T>): Promise<T> } }).locks;
  return locks ? locks.request(`jiuye-sync-${store.name}`, () => run(store, opts)) : run(store, opts);
}

/** Registers the app's service worker (scope `/`), so pages load with no connection. */
export async function registerServiceWorker(): Promise<ServiceWorkerRegistration | undefined> {
  if (!('serviceWorker' in navigator)) return undefined;
  const reg = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  await navigator.serviceWorker.ready;
  // The page was loaded before the worker existed: hand it the assets it used, to keep for offline.
  const assets = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/assets/'));
  (reg.active ?? navigator.serviceWorker.controller)?.postMessage({ type: 'cache-assets', urls: assets });
  return reg;
}
