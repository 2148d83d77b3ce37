// The service's own API (/api/v1), same origin. Tokens live in sessionStorage (never localStorage): a tab
// closed is a session gone. A problem+json error becomes an Error with its words and its field errors.
import { reactive } from 'vue';

export const session = reactive({ me: null });

const store = {
  get access() { return sessionStorage.getItem('access'); },
  get refresh() { return sessionStorage.getItem('refresh'); },
  keep(tokens) {
    sessionStorage.setItem('access', tokens.accessToken);
    sessionStorage.setItem('refresh', tokens.refreshToken);
  },
  forget() {
    sessionStorage.removeItem('access');
    sessionStorage.removeItem('refresh');
    session.me = null;
  }
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem ? problem.title + (problem.detail ? '：' + problem.detail : '') : '请求失败（' + status + '）');
    this.status = status;
    this.code = problem && problem.code;
    this.fields = Object.fromEntries(((problem && problem.errors) || []).map((e) => [e.field, e.message]));
  }
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch (e) {
    return null;
  }
}

export async function call(path, options = {}, retried = false) {
  const headers = Object.assign({}, options.headers || {});
  if (store.access) headers.Authorization = 'Bearer ' + store.access;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method: options.method || 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body)
  });
  if (response.status === 401 && !retried && store.refresh) {
    const refreshed = await fetch('/api/v1/auth/refresh', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: store.refresh })
    });
    if (refreshed.ok) {
      store.keep(await refreshed.json());
      return call(path, options, true);
    }
    store.forget();
  }
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response));
  }
  return response;
}

export async function json(path, options) {
  return (await call(path, options)).json();
}

export async function login(phone, password) {
  const response = await fetch('/api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ phone, password })
  });
  if (!response.ok) {
    throw new ApiError(response.status, await problemOf(response));
  }
  store.keep(await response.json());
  session.me = await json('/api/v1/me');
}

export async function restore() {
  if (!store.access || session.me) return session.me;
  try {
    session.me = await json('/api/v1/me');
  } catch (e) {
    store.forget();
  }
  return session.me;
}

/** Ends this session; everywhere ends every session of the account (other PCs and phones too). */
export async function logout(everywhere) {
  try {
    if (everywhere) {
      const sessions = await json('/api/v1/me/sessions');
      for (const s of sessions.filter((x) => !x.current)) {
        await call('/api/v1/me/sessions/' + s.id, { method: 'DELETE' }).catch(() => {});
      }
    }
    if (store.refresh) {
      await fetch('/api/v1/auth/logout', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: store.refresh })
      });
    }
  } finally {
    store.forget();
  }
}

export function hasRole(...roles) {
  return !!session.me && session.me.roles.some((r) => roles.includes(r));
}
