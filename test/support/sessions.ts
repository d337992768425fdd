import request from 'supertest';
import { UsersService } from '../../src/auth/users/users.service';
import type { Role } from '../../src/auth/roles';
import type { TestApp } from './test-app';

export interface Browser {
  email: string;
  cookie: string;
  csrfToken: string;
  /** The raw Set-Cookie header of the sign-in. */
  setCookie: string;
  get(path: string): request.Test;
  /** Writes carry the cookie, X-CSRF-Token and the app's Origin, as the web app sends them. */
  post(path: string): request.Test;
  put(path: string): request.Test;
  patch(path: string): request.Test;
  delete(path: string): request.Test;
}

let counter = 0;

/** A user made directly through the service (setup, not the subject). */
export async function createUser(
  t: TestApp,
  role: Role,
  options: { email?: string; password?: string } = {},
): Promise<{ id: number; email: string; password: string }> {
  const email = options.email ?? `${role}-${++counter}-${Date.now().toString(36)}@shop.example`;
  const password = options.password ?? `correct horse ${role} ${counter}`;
  const created = await t.app.get(UsersService).create({ email, role, password });
  return { id: created.user.id, email, password };
}

/** Signs in through POST /api/auth/login and acts as that browser. */
export async function signIn(t: TestApp, email: string, password: string): Promise<Browser> {
  const res = await request(t.baseUrl).post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('vm_session='))!;
  const cookie = setCookie.split(';')[0];
  const csrfToken = res.body.csrfToken as string;
  const read = (method: 'get') => (path: string) => request(t.baseUrl)[method](path).set('Cookie', cookie);
  const write = (method: 'post' | 'put' | 'patch' | 'delete') => (path: string) =>
    request(t.baseUrl)[method](path).set('Cookie', cookie).set('X-CSRF-Token', csrfToken).set('Origin', t.baseUrl);
  return {
    email,
    cookie,
    csrfToken,
    setCookie,
    get: read('get'),
    post: write('post'),
    put: write('put'),
    patch: write('patch'),
    delete: write('delete'),
  };
}

export async function signInAs(t: TestApp, role: Role): Promise<Browser & { id: number; password: string }> {
  const user = await createUser(t, role);
  return { ...(await signIn(t, user.email, user.password)), id: user.id, password: user.password };
}
