/** One failed rule on one input field, as the server reports it. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
  messageZh?: string;
}

/** An RFC 9457 problem body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  [k: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;

  constructor(problem: Problem) {
    // The server says some refusals in Chinese too (`detailZh`); show them in the page's language.
    const zh = typeof document !== 'undefined' && document.documentElement.lang.startsWith('zh');
    super((zh && typeof problem.detailZh === 'string' && problem.detailZh) || problem.detail || problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
}

const BASE = '/api/v1';

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * Calls the Jiuye API. The header marks the request as coming from our own pages: the server
 * refuses cookie-authenticated state changes that cannot prove that.
 */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', 'X-Requested-With': 'jiuye' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(BASE + path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network', detail: (e as Error).message });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy or gateway may answer with HTML; report it as a problem below.
  }
  if (!res.ok) {
    const p = body && typeof body === 'object' && 'status' in body ? (body as Problem) : undefined;
    throw new ApiError(p ?? { type: 'about:blank', title: res.statusText, status: res.status, code: `http_${res.status}`, detail: text.slice(0, 200) || res.statusText });
  }
  return body as T;
}

// Shapes of the responses the shell uses.

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
  regionName: string;
  employerId: number | null;
  disabled: boolean;
  createdAt: string;
}

export type RegionLevel = 'province' | 'city' | 'county' | 'town' | 'village';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  path?: string;
}

export interface RegionDetail extends Region {
  ancestors: Region[];
  children: (Region & { childCount: number })[];
}
