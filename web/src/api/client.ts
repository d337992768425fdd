import { ApiError, type ErrorBody } from './errors';

// The session lives in an httpOnly cookie; writes also carry the CSRF token the server gave us at sign-in.
let csrfToken: string | null = null;
const unauthorisedListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request answers 401: the session ended (expired, signed out elsewhere). */
export function onUnauthorised(listener: () => void): () => void {
  unauthorisedListeners.add(listener);
  return () => unauthorisedListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** 401 is expected here (the sign-in probe): do not broadcast it. */
  quiet401?: boolean;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError({
      statusCode: 0,
      error: 'Network error',
      message: 'The server cannot be reached. Check your connection and try again.',
    });
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  const payload: unknown = type.includes('json') ? await response.json().catch(() => undefined) : await response.text();
  if (!response.ok) {
    if (response.status === 401 && !options.quiet401) unauthorisedListeners.forEach((l) => l());
    const errorBody: ErrorBody =
      payload && typeof payload === 'object'
        ? (payload as ErrorBody)
        : {
            statusCode: response.status,
            error: response.statusText,
            message: typeof payload === 'string' && payload ? payload.slice(0, 300) : response.statusText,
          };
    throw new ApiError({ ...errorBody, statusCode: response.status });
  }
  return payload as T;
}

export const http = {
  get: <T>(path: string, query?: Query, options: Omit<RequestOptions, 'query' | 'body'> = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...options, body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string, body?: unknown, query?: Query) => request<T>('DELETE', path, { body, query }),
};

/** Uploads with progress (fetch cannot report upload progress); same CSRF and error handling as http. */
export function upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () =>
      reject(
        new ApiError({
          statusCode: 0,
          error: 'Network error',
          message: 'The upload was interrupted. Check your connection and try again.',
        }),
      );
    xhr.onload = () => {
      let payload: unknown;
      try {
        payload = JSON.parse(xhr.responseText);
      } catch {
        payload = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(payload as T);
      if (xhr.status === 401) unauthorisedListeners.forEach((l) => l());
      const body = (payload as ErrorBody | undefined) ?? {
        statusCode: xhr.status,
        error: xhr.statusText,
        message: xhr.statusText || 'Upload failed',
      };
      reject(new ApiError({ ...body, statusCode: xhr.status }));
    };
    xhr.send(form);
  });
}
