// The manage page: signs in, asks the API what the caller may do, and shows the views they may use.
import { ApiError, get } from './api.js';
import { claims, signIn, signOut } from './auth.js';
import { setLanguage, t } from './i18n.js';
import * as invitations from './invitations.js';
import * as resets from './resets.js';
import { alertBox, button, h } from './ui.js';

const config = document.body.dataset;
const app = document.getElementById('app');
let access = null;

function masthead(who) {
  return h('header', { class: 'pf-v5-c-masthead' },
    h('div', { class: 'pf-v5-c-masthead__main' },
      h('span', { class: 'pf-v5-c-masthead__brand io-brand' }, t('appTitle', config.realmName))),
    h('div', { class: 'pf-v5-c-masthead__content' },
      h('span', { class: 'io-user' }, who),
      button(t('signOut'), 'secondary', signOut, { 'data-action': 'sign-out' })));
}

function navigation(route) {
  const items = [];
  if (access.passwordResets) {
    items.push(['#/password-resets', t('navResets'), route.startsWith('password-resets')]);
  }
  if (access.viewInvitations) {
    items.push(['#/invitations', t('navInvitations'), route.startsWith('invitations')]);
  }
  return h('nav', { class: 'pf-v5-c-tabs', 'aria-label': t('navLabel') },
    h('ul', { class: 'pf-v5-c-tabs__list', role: 'list' }, items.map(([href, text, current]) =>
      h('li', { class: `pf-v5-c-tabs__item${current ? ' pf-m-current' : ''}` }, h('a', {
        href, class: 'pf-v5-c-tabs__link', 'aria-current': current ? 'page' : null,
      }, h('span', { class: 'pf-v5-c-tabs__item-text' }, text))))));
}

function frame(route, content) {
  app.replaceChildren(
    masthead(access.username),
    h('main', { class: 'pf-v5-c-page__main', id: 'main', tabindex: '-1' },
      h('section', { class: 'pf-v5-c-page__main-nav' }, navigation(route)),
      h('section', { class: 'pf-v5-c-page__main-section' }, content)));
}

async function render() {
  const [path, search] = location.hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(search || '');
  const parts = path.split('/').filter(Boolean);
  const fallback = access.passwordResets ? 'password-resets' : 'invitations';
  const route = parts[0] || fallback;
  const view = h('div', { id: 'view', 'aria-busy': 'true' }, h('p', {}, t('loading')));
  frame(route, view);
  try {
    if (route === 'password-resets' && access.passwordResets) {
      await (parts[1] ? resets.detail(view, decodeURIComponent(parts[1]), access) : resets.list(view, params));
    } else if (route === 'invitations' && access.viewInvitations) {
      await invitations.show(view, parts[1], params, access);
    } else {
      view.replaceChildren(alertBox('warning', t('notOffered')));
    }
  } catch (error) {
    view.replaceChildren(alertBox('danger', t('failed'), error.message));
  }
  view.removeAttribute('aria-busy');
  document.title = `${document.querySelector('h1') ? document.querySelector('h1').textContent : t('appTitle', config.realmName)} · ${config.realmName}`;
}

function noAccess(title, detail) {
  document.title = title;
  app.replaceChildren(
    masthead(access ? access.username : ''),
    h('main', { class: 'pf-v5-c-page__main', id: 'main' }, h('section', { class: 'pf-v5-c-page__main-section' },
      h('div', { class: 'pf-v5-c-empty-state' }, h('div', { class: 'pf-v5-c-empty-state__content' },
        h('h1', { class: 'pf-v5-c-title pf-m-xl', 'data-view': 'no-access' }, title),
        h('div', { class: 'pf-v5-c-empty-state__body' }, detail))))));
}

async function start() {
  const requested = new URLSearchParams(location.search).get('kc_locale');
  setLanguage(requested);
  const signedIn = await signIn(document.documentElement.lang);
  if (!signedIn) {
    return;
  }
  setLanguage(signedIn.language);
  try {
    access = await get('/access');
  } catch (error) {
    access = { username: claims().preferred_username };
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      noAccess(t('noAccessTitle'), t('refused'));
      return;
    }
    throw error;
  }
  if (!access.passwordResets && !access.viewInvitations) {
    noAccess(t('noAccessTitle'), t('noAccessWhy'));
    return;
  }
  window.addEventListener('hashchange', render);
  await render();
}

start().catch((error) => {
  app.replaceChildren(h('main', { class: 'pf-v5-c-page__main' }, h('section', { class: 'pf-v5-c-page__main-section' },
    h('h1', { class: 'pf-v5-c-title pf-m-xl' }, t('signInFailed')), alertBox('danger', t('failed'), error.message))));
});
