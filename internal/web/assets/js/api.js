// The one place the page talks to the service. Every call carries the access
// token when the service asks for one, and every failure becomes an APIError
// whose message is the service's own (Chinese, saying how to fix it).

const TOKEN_KEY = 'gongwen.token';
let onUnauthorized = () => {};

// APIError is a failed call: status, the service's code and message, and for
// an invalid document its problems ({path, message}).
export class APIError extends Error {
  constructor(status, body, retryAfter) {
    super(body.message || `服务返回 ${status}`);
    this.status = status;
    this.code = body.code || '';
    this.field = body.field || '';
    this.problems = body.problems || [];
    this.retryAfter = retryAfter;
  }
}

export function setToken(token) {
  // sessionStorage: the token goes when the tab closes, not into every later session.
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function whenUnauthorized(fn) {
  onUnauthorized = fn;
}

// call sends a request and returns the Response when it succeeded.
// opts: json (sent as JSON), body + type (raw), signal.
export async function call(method, path, opts = {}) {
  const headers = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  let body = opts.body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['Content-Type'] = 'application/json';
  } else if (opts.type) {
    headers['Content-Type'] = opts.type;
  }
  let resp;
  try {
    resp = await fetch(path, { method, headers, body, signal: opts.signal, cache: 'no-store' });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new APIError(0, { code: 'network', message: '无法连接服务，请检查网络或联系管理员' });
  }
  if (resp.ok) return resp;
  let data = {};
  try {
    data = await resp.json();
  } catch {
    data = { message: `服务返回 ${resp.status} ${resp.statusText}` };
  }
  const retry = Number(resp.headers.get('Retry-After')) || 0;
  const err = new APIError(resp.status, data, retry);
  if (resp.status === 401) onUnauthorized(err);
  return Promise.reject(err);
}

export async function getJSON(path, opts) {
  return (await call('GET', path, opts)).json();
}

// fileName reads the name a download should get from Content-Disposition
// (filename* in UTF-8 first: 公文 names are Chinese), else fallback.
export function fileName(resp, fallback) {
  const cd = resp.headers.get('Content-Disposition') || '';
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(cd);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch { /* a malformed name: use the fallback */ }
  }
  const plain = /filename\s*=\s*"([^"]+)"/i.exec(cd);
  return plain ? plain[1] : fallback;
}
