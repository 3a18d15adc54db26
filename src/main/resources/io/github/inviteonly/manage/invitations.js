// Invitations: the server-paged list with counts per status, status and email-delivery filters and search;
// create; resend and revoke with a confirmation; bulk from CSV (bulk.js).
import { get, post, query, remove } from './api.js';
import * as bulk from './bulk.js';
import { t } from './i18n.js';
import {
  alertBox, button, confirmDialog, duration, field, h, label, lifetimeChoices, pager, select, setFlash, table, takeFlash, time,
} from './ui.js';

const PAGE = 20;
const STATUSES = ['PENDING', 'ACCEPTED', 'REVOKED', 'EXPIRED'];
const COLORS = { PENDING: 'blue', ACCEPTED: 'green', REVOKED: 'red', EXPIRED: 'grey' };
// Not yet sent (the sweep sends it again after a while) and could not be sent (resend it) first: what an admin looks for.
const DELIVERIES = ['PENDING', 'FAILED', 'SENT', 'NOT_REQUESTED'];
const LIFETIMES = [3600, 86400, 259200, 604800, 1209600, 2592000];

export async function show(view, sub, params, access) {
  if (sub === 'new' && access.manageInvitations) {
    return create(view);
  }
  if (sub === 'bulk' && access.manageInvitations) {
    return bulk.show(view, await get('/invitations/options'));
  }
  return list(view, params, access);
}

async function list(view, params, access) {
  const status = params.get('status') || '';
  const search = params.get('search') || '';
  const emailDelivery = params.get('emailDelivery') || '';
  const first = Number(params.get('first') || 0);
  const [invitations, counts] = await Promise.all([
    get(`/invitations${query({ status, search, emailDelivery, first, max: PAGE })}`),
    get(`/invitations/counts${query({ search, emailDelivery })}`),
  ]);
  const total = status ? counts[status] : STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const go = (values) => {
    location.hash = `#/invitations${query({ status, search, emailDelivery, first, ...values })}`;
  };
  const chips = h('div', { class: 'io-counts', role: 'group', 'aria-label': t('statusFilter') },
    [['', t('allStatuses'), STATUSES.reduce((sum, s) => sum + counts[s], 0)], ...STATUSES.map((s) => [s, t(`status.${s}`), counts[s]])]
      .map(([value, text, count]) => button(`${text} (${count})`, value === status ? 'primary' : 'secondary',
        () => go({ status: value, first: 0 }), { 'aria-pressed': value === status ? 'true' : 'false', 'data-status': value || 'ALL' })));
  const searchInput = h('input', { type: 'search', name: 'search', value: search });
  const searchForm = h('form', { class: 'pf-v5-c-form io-inline', role: 'search', onsubmit: (event) => {
    event.preventDefault();
    go({ search: searchInput.value.trim(), first: 0 });
  } }, field(t('search'), searchInput), button(t('searchButton'), 'secondary', null, { type: 'submit' }));
  const deliveryChoice = select([['', t('anyDelivery')], ...DELIVERIES.map((d) => [d, t(`deliveryFilter.${d}`)])], emailDelivery,
    { name: 'emailDelivery' });
  deliveryChoice.addEventListener('change', () => go({ emailDelivery: deliveryChoice.value, first: 0 }));
  const deliveryFilter = h('div', { class: 'pf-v5-c-form io-inline' }, field(t('deliveryFilter'), deliveryChoice));
  const rows = invitations.map((invitation) => [
    h('div', {}, invitation.email, h('div', { class: 'io-secondary' }, [invitation.firstName, invitation.lastName].filter(Boolean).join(' '))),
    label(t(`status.${invitation.status}`), COLORS[invitation.status]),
    [...invitation.roles, ...invitation.groups].join(', '),
    time(invitation.createdAt),
    time(invitation.expiresAt),
    invitation.invitedBy ? invitation.invitedBy.username : '',
    invitation.emailDelivery ? t(`delivery.${invitation.emailDelivery}`) : '',
    access.manageInvitations ? rowActions(invitation, view) : '',
  ]);
  view.replaceChildren(
    h('h1', { class: 'pf-v5-c-title pf-m-2xl' }, t('invitationsTitle')),
    takeFlash() || '',
    access.manageInvitations ? h('div', { class: 'io-actions' },
      h('a', { class: 'pf-v5-c-button pf-m-primary', href: '#/invitations/new' }, t('newInvitation')),
      h('a', { class: 'pf-v5-c-button pf-m-secondary', href: '#/invitations/bulk' }, t('bulkInvite'))) : null,
    h('div', { class: 'pf-v5-c-toolbar' }, h('div', { class: 'pf-v5-c-toolbar__content io-toolbar' }, chips, deliveryFilter, searchForm)),
    invitations.length === 0 ? h('p', { class: 'io-empty' }, t('noInvitations'))
      : table(t('invitationsCaption'), [t('email'), t('status'), t('rolesAndGroups'), t('created'), t('expires'), t('invitedBy'),
        t('emailDelivery'), t('actions')], rows),
    pager(first, PAGE, invitations.length, total, (next) => go({ first: next })));
}

function rowActions(invitation, view) {
  if (invitation.status !== 'PENDING' && invitation.status !== 'EXPIRED') {
    return '';
  }
  const outcome = async (work, message) => {
    try {
      const answer = await work();
      setFlash(alertBox('success', message, answer && answer.emailDelivery ? t(`delivery.${answer.emailDelivery}`) : null));
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (error) {
      view.prepend(alertBox('danger', t('failed'), error.message));
    }
  };
  const resend = async () => {
    if (await confirmDialog(t('resendInvitationTitle'), t('resendInvitationWhat', invitation.email), t('resend'))) {
      await outcome(() => post(`/invitations/${invitation.id}/resend`), t('invitationResent', invitation.email));
    }
  };
  const revoke = async () => {
    if (await confirmDialog(t('revokeTitle'), t('revokeWhat', invitation.email), t('revoke'), 'danger')) {
      await outcome(() => remove(`/invitations/${invitation.id}`), t('invitationRevoked', invitation.email));
    }
  };
  return h('div', { class: 'io-row-actions' },
    button(t('resend'), 'secondary', resend, { 'data-action': 'resend', 'aria-label': t('resendFor', invitation.email) }),
    invitation.status === 'PENDING'
      ? button(t('revoke'), 'danger', revoke, { 'data-action': 'revoke', 'aria-label': t('revokeFor', invitation.email) }) : null);
}

function checkboxes(legend, name, items) {
  return h('fieldset', { class: 'pf-v5-c-form__group io-fieldset' }, h('legend', { class: 'pf-v5-c-form__label' }, legend),
    items.length === 0 ? h('p', { class: 'io-secondary' }, t('nothingToGrant')) : null,
    items.map(([value, text]) => h('div', { class: 'pf-v5-c-check' },
      h('input', { class: 'pf-v5-c-check__input', type: 'checkbox', name, value, id: `${name}-${value}` }),
      h('label', { class: 'pf-v5-c-check__label', for: `${name}-${value}` }, text))));
}

async function create(view) {
  const options = await get('/invitations/options');
  const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'off' });
  const firstName = h('input', { type: 'text', name: 'firstName' });
  const lastName = h('input', { type: 'text', name: 'lastName' });
  const lifetimes = lifetimeChoices(LIFETIMES, options.lifetime.minSeconds, options.lifetime.maxSeconds, options.lifetime.defaultSeconds);
  const lifetime = select(lifetimes.map((s) => [String(s), duration(s)]), String(options.lifetime.defaultSeconds), { name: 'lifetime' });
  const client = select([['', t('accountConsole')], ...options.clients.map((c) => [c.clientId, c.name || c.clientId])], '', { name: 'clientId' });
  const redirect = select([], '', { name: 'redirectUri' });
  const fillRedirects = () => {
    const chosen = options.clients.find((c) => c.clientId === client.value);
    const choices = chosen ? chosen.redirectUris.map((uri) => [uri, uri]) : [];
    if (chosen && chosen.baseUrl) {
      choices.unshift(['', t('clientBaseUrl', chosen.baseUrl)]);
    }
    redirect.replaceChildren(...(choices.length ? choices : [['', '—']]).map(([value, text]) => h('option', { value }, text)));
    redirect.disabled = !chosen;
  };
  client.addEventListener('change', fillRedirects);
  fillRedirects();
  const locale = select([['', t('realmDefault')], ...options.locales.map((l) => [l, l])], '', { name: 'locale' });
  const outcome = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'pf-v5-c-form', novalidate: true },
    field(t('email'), email), field(t('firstName'), firstName), field(t('lastName'), lastName),
    checkboxes(t('roles'), 'role', options.roles.map((r) => [r.name, r.description ? `${r.name} — ${r.description}` : r.name])),
    checkboxes(t('groups'), 'group', options.groups.map((g) => [g, g])),
    field(t('validFor'), lifetime), field(t('landing'), client), field(t('redirectUri'), redirect), field(t('language'), locale),
    h('div', { class: 'pf-v5-c-form__group pf-m-action' }, h('div', { class: 'pf-v5-c-form__actions' },
      button(t('sendInvitation'), 'primary', null, { type: 'submit' }),
      h('a', { class: 'pf-v5-c-button pf-m-link', href: '#/invitations' }, t('cancel')))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const checked = (name) => Array.from(form.querySelectorAll(`input[name=${name}]:checked`), (box) => box.value);
    const body = {
      email: email.value.trim(),
      firstName: firstName.value.trim() || undefined,
      lastName: lastName.value.trim() || undefined,
      roles: checked('role'),
      groups: checked('group'),
      expiresInSeconds: Number(lifetime.value),
      clientId: client.value || undefined,
      redirectUri: client.value && redirect.value ? redirect.value : undefined,
      locale: locale.value || undefined,
    };
    try {
      const invitation = await post('/invitations', body);
      outcome.replaceChildren(alertBox(invitation.emailDelivery === 'FAILED' ? 'warning' : 'success',
        t('invitationSent', invitation.email, duration(body.expiresInSeconds)), t(`delivery.${invitation.emailDelivery}`)));
      form.reset();
      fillRedirects();
    } catch (error) {
      outcome.replaceChildren(alertBox('danger', t('failed'), error.message));
    }
  });
  view.replaceChildren(
    h('p', {}, h('a', { href: '#/invitations' }, t('backToInvitations'))),
    h('h1', { class: 'pf-v5-c-title pf-m-2xl' }, t('newInvitation')), outcome, form);
}
