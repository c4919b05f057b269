/**
 * Typed client over fetch for One API's management API. Every answer is `{success, message, data}`, usually
 * HTTP 200 even on failure: a failure becomes a thrown ApiError. A 401, or a "banned" refusal, ends the local
 * session and sends the browser to the login page, once, from here.
 */
export interface Envelope<T> {
  success: boolean;
  message: string;
  data?: T;
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The backend's refusal text for a disabled account (EndpointHandler.BANNED). */
export const BANNED_MESSAGE = 'User has been banned';

type SessionLost = (reason: 'expired' | 'banned') => void;

let language = 'en';
let onSessionLost: SessionLost = () => {};

export function setApiLanguage(lang: string) {
  language = lang;
}

export function setSessionLostHandler(handler: SessionLost) {
  onSessionLost = handler;
}

async function call<T>(method: string, url: string, body?: unknown): Promise<Envelope<T>> {
  const headers: Record<string, string> = { 'Accept-Language': language, Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(e instanceof Error ? e.message : String(e), 0);
  }
  let envelope: Envelope<T> | undefined;
  try {
    envelope = (await response.json()) as Envelope<T>;
  } catch {
    envelope = undefined;
  }
  if (response.status === 401) {
    onSessionLost('expired');
    throw new ApiError(envelope?.message || 'Unauthorized', 401);
  }
  if (response.status === 429) {
    throw new ApiError('Too many requests, please try again later', 429);
  }
  if (!envelope || typeof envelope.success !== 'boolean') {
    throw new ApiError(`HTTP ${response.status}`, response.status);
  }
  if (!envelope.success && envelope.message === BANNED_MESSAGE) {
    onSessionLost('banned');
  }
  return envelope;
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (!envelope.success) {
    throw new ApiError(envelope.message || 'Request failed', 200);
  }
  return envelope.data as T;
}

/** Query string from an object, skipping undefined, null and empty values. */
export function qs(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') {
      search.set(k, String(v));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const api = {
  get: async <T>(url: string) => unwrap(await call<T>('GET', url)),
  post: async <T>(url: string, body?: unknown) => unwrap(await call<T>('POST', url, body ?? {})),
  put: async <T>(url: string, body?: unknown) => unwrap(await call<T>('PUT', url, body ?? {})),
  del: async <T>(url: string) => unwrap(await call<T>('DELETE', url)),
  /** The whole envelope, for routes with top-level extras (channel test `time`, balance). Never throws on !success. */
  raw: <T>(method: string, url: string, body?: unknown) => call<T>(method, url, body),
};

/** One API pages are fixed at ten rows (ItemsPerPage). */
export const PAGE_SIZE = 10;
