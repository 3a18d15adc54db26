// Sign-in with the realm: OpenID Connect authorization code with PKCE (S256) through the public client
// the server names. Tokens live in this module's variables only; the verifier and state wait in
// sessionStorage for the one round trip to the login page. The access token is refreshed before it runs
// out; when refreshing fails, the page signs in again (silently while the realm's session lasts).

const config = document.body.dataset;
const PENDING = 'invite-only-manage.pending';
let tokens = null;
let expiresAt = 0;
let refreshTimer = null;

function base64url(bytes) {
  let text = '';
  bytes.forEach((b) => { text += String.fromCharCode(b); });
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomText() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** Goes to the realm's login page; comes back to this page with a code. */
export async function redirectToLogin(language) {
  const verifier = randomText();
  const state = randomText();
  sessionStorage.setItem(PENDING, JSON.stringify({ state, verifier, hash: location.hash, language }));
  const query = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: config.page,
    response_type: 'code',
    response_mode: 'query',
    scope: 'openid',
    state,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  if (language) {
    query.set('ui_locales', language);
  }
  location.assign(`${config.oidc}/auth?${query}`);
}

async function tokenRequest(form) {
  const reply = await fetch(`${config.oidc}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, ...form }),
  });
  if (!reply.ok) {
    throw new Error(`token endpoint answered ${reply.status}`);
  }
  return reply.json();
}

function keep(answer) {
  tokens = answer;
  expiresAt = Date.now() + answer.expires_in * 1000;
  clearTimeout(refreshTimer);
  // Refresh a little before the access token runs out.
  refreshTimer = setTimeout(() => refresh().catch(() => redirectToLogin()), Math.max(5, answer.expires_in - 30) * 1000);
}

async function refresh() {
  keep(await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }));
}

/**
 * Finishes a sign-in when the page was opened with a code; otherwise starts one. Returns the language
 * and the route that were current when the sign-in started, or null while the browser goes to log in.
 */
export async function signIn(language) {
  const query = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  if (query.has('code') || query.has('error')) {
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', config.page + (pending ? pending.hash : ''));
    if (!pending || query.get('state') !== pending.state) {
      throw new Error('The sign-in answer does not belong to this page; reload to sign in again.');
    }
    if (query.has('error')) {
      throw new Error(query.get('error_description') || query.get('error'));
    }
    keep(await tokenRequest({
      grant_type: 'authorization_code',
      code: query.get('code'),
      redirect_uri: config.page,
      code_verifier: pending.verifier,
    }));
    return { language: pending.language };
  }
  await redirectToLogin(language);
  return null;
}

/** The access token, refreshed first when it is about to run out. */
export async function accessToken() {
  if (Date.now() > expiresAt - 10000) {
    await refresh();
  }
  return tokens.access_token;
}

/** Who signed in, from the ID token. */
export function claims() {
  const payload = tokens.id_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(payload), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''));
  return JSON.parse(json);
}

export function signOut() {
  const query = new URLSearchParams({
    client_id: config.clientId,
    post_logout_redirect_uri: config.page,
    id_token_hint: tokens.id_token,
  });
  tokens = null;
  clearTimeout(refreshTimer);
  location.assign(`${config.oidc}/logout?${query}`);
}
