import type { Server } from '../../src/http/types.ts';

export interface Response {
  status: number;
  body: any;
  headers: Record<string, unknown>;
}

/**
 * A logged-in client over `inject` (no sockets): keeps the session cookie like a browser and sends
 * the same-site marker header the server asks of cookie-authenticated writes.
 */
export class Client {
  cookie?: string;
  constructor(private server: Server) {}

  async request(method: string, url: string, payload?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const r = await this.server.inject({
      method: method as any,
      url,
      payload: payload as any,
      headers: { 'x-requested-with': 'jiuye', ...(this.cookie ? { cookie: `jiuye_session=${this.cookie}` } : {}), ...headers },
    });
    const set = r.cookies.find((c) => c.name === 'jiuye_session');
    if (set) this.cookie = set.value || undefined;
    let body: any = r.body;
    try {
      body = r.body ? JSON.parse(r.body) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: r.statusCode, body, headers: r.headers };
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, payload?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, payload, headers);
  }
  put(url: string, payload?: unknown, headers?: Record<string, string>) {
    return this.request('PUT', url, payload, headers);
  }
  patch(url: string, payload?: unknown, headers?: Record<string, string>) {
    return this.request('PATCH', url, payload, headers);
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request('DELETE', url, undefined, headers);
  }

  async login(username: string, password: string): Promise<Response> {
    const r = await this.post('/api/v1/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login of ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  }
}
