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
    this.errors = (problem && problem.errors) || [];
    this.fields = Object.fromEntries(this.errors.map((e) => [e.field, e.message]));
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
  // raw: bytes sent as they are, with the Content-Type the caller names (a photo).
  const response = await fetch(path, {
    method: options.method || 'GET',
    headers,
    body: options.raw !== undefined ? options.raw : options.body === undefined ? undefined : JSON.stringify(options.body)
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
  const response = await call(path, options);
  return response.status === 204 ? null : response.json();
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

const PHOTO_TYPES = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', heic: 'image/heic' };

/** A file's type as the photo endpoints name it (browsers leave HEIC's empty), or null when not a photo. */
export function photoType(file) {
  if (Object.values(PHOTO_TYPES).includes(file.type)) return file.type;
  return PHOTO_TYPES[(file.name.split('.').pop() || '').toLowerCase()] || null;
}

/**
 * Adds a photo to an issue as a phone does (slot, bytes, confirmation with their SHA-256), except that the
 * bytes go through the service: a page reaches no other origin. A photo the server refuses is an error.
 */
export async function uploadIssuePhoto(issueId, file) {
  const type = photoType(file);
  if (!type) throw new Error(file.name + '：只能上传 JPEG、PNG 或 HEIC 照片');
  const slot = await json('/api/v1/issues/' + issueId + '/photos', {
    method: 'POST', body: { contentType: type, sizeBytes: file.size }
  });
  const bytes = await file.arrayBuffer();
  await call('/api/v1/photos/' + slot.photo.id + '/content', { method: 'PUT', raw: bytes, headers: { 'Content-Type': type } });
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  const photo = await json('/api/v1/photos/' + slot.photo.id + '/confirm', { method: 'POST', body: { sha256 } });
  if (photo.status === 'REJECTED') throw new Error(file.name + '：照片未通过核验（' + photo.rejectReasonLabel + '）');
  return photo;
}

/** A photo (or its thumbnail) as an address of this page's own (blob:), fetched with the token. */
export async function photoAddress(photoId, variant) {
  const response = await call('/api/v1/photos/' + photoId + '/content?variant=' + variant);
  return URL.createObjectURL(await response.blob());
}

/**
 * A write to an object whose version the server checks (If-Match): its current ETag is read first, so the
 * change applies to what the page shows unless someone changed it meanwhile (412, said in words).
 */
export async function writeVersioned(readPath, path, method, body) {
  const etag = (await call(readPath)).headers.get('ETag');
  return json(path, { method, headers: { 'If-Match': etag }, body });
}

/** Saves bytes made in the page (a CSV template, an export) as a file. */
export function saveFile(blob, name) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}
