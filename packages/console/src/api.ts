/**
 * Calls to the console's JSON API. The session cookie is HttpOnly (no script sees it); the CSRF
 * token lives in this module's memory only and goes with every change as X-CSRF-Token.
 */
export interface Session {
  readonly role: 'operator' | 'customer';
  readonly actor: string;
  readonly accountKey: string | null;
  readonly csrfToken: string;
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly field?: string) {
    super(message);
  }
}

let csrf = '';

export function setSession(session: Session | null): void {
  csrf = session?.csrfToken ?? '';
}

function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  return fetch(`/console/api/${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
}

/**
 * Reads started before anyone asked: at start the console asks for the session and, at the same
 * moment, for the data the page in the address will ask for, instead of one after the other. The
 * page's own `api('GET', path)` takes the answer on its way; what no page took is dropped.
 */
const early = new Map<string, Promise<Response>>();

export function prefetch(paths: readonly string[]): void {
  for (const path of paths) if (!early.has(path)) early.set(path, send('GET', path));
}

export function dropPrefetched(): void {
  early.clear();
}

export async function api<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const started = method === 'GET' ? early.get(path) : undefined;
  early.delete(path);
  const res = await (started ?? send(method, path, body));
  const text = await res.text();
  let data: any = {};
  try {
    data = text ? JSON.parse(text) : {};
  } catch {
    data = { error: text.slice(0, 200) };
  }
  if (!res.ok) throw new ApiError(res.status, String(data.error ?? res.statusText), data.field);
  return data as T;
}

/** A query string from the non-empty values. */
export function query(values: Record<string, string | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** Uploads a file with progress (fetch has no upload progress; XMLHttpRequest does). */
export function upload<T>(path: string, file: Blob, contentType: string, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/console/api/${path}`);
    xhr.setRequestHeader('Content-Type', contentType);
    xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let data: any = {};
      try { data = JSON.parse(xhr.responseText); } catch { data = { error: xhr.responseText.slice(0, 200) }; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(new ApiError(xhr.status, String(data.error ?? xhr.statusText)));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network error'));
    xhr.send(file);
  });
}
