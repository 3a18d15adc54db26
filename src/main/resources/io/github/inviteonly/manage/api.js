// Calls of the extension's admin API with the signed-in user's token.
import { accessToken } from './auth.js';

const API = document.body.dataset.api;

export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.error_description || body.description || body.error)) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function call(method, path, body) {
  const headers = { Authorization: `Bearer ${await accessToken()}`, Accept: 'application/json' };
  const init = { method, headers };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const reply = await fetch(API + path, init);
  const text = await reply.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!reply.ok) {
    throw new ApiError(reply.status, json);
  }
  return json;
}

export const get = (path) => call('GET', path);
export const post = (path, body) => call('POST', path, body === undefined ? {} : body);
export const remove = (path) => call('DELETE', path);

/** A query string of the defined values. */
export function query(values) {
  const params = new URLSearchParams();
  Object.entries(values).forEach(([key, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      params.set(key, value);
    }
  });
  const text = params.toString();
  return text ? `?${text}` : '';
}
