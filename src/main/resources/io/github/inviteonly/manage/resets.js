// Password-reset requests: the queue (pending first, server-paged) and one request with its decisions.
import { get, post, query } from './api.js';
import { t } from './i18n.js';
import {
  alertBox, button, confirmDialog, duration, field, h, label, lifetimeChoices, pager, select, table, time,
} from './ui.js';

const PAGE = 20;
const STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'COMPLETED', 'EXPIRED', 'CANCELLED'];
const COLORS = { PENDING: 'orange', APPROVED: 'blue', REJECTED: 'red', COMPLETED: 'green', EXPIRED: 'grey', CANCELLED: 'purple' };
const LIFETIMES = [300, 600, 1200, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 604800];
const config = document.body.dataset;

function consoleLink(userId) {
  return `${config.console}#/${encodeURIComponent(config.realm)}/users/${encodeURIComponent(userId)}/settings`;
}

function statusLabel(status) {
  return label(t(`status.${status}`), COLORS[status]);
}

function decision(request) {
  if (!request.decidedBy) {
    return '';
  }
  return t('decidedBy', request.decidedBy.username, t(`via.${request.decidedVia}`), time(request.decidedAt));
}

/** "1 of 2: hana" (who approved so far); empty for a request that needs one approval and has none. */
function approvalsText(request) {
  const approvals = request.approvals || [];
  if (approvals.length === 0 && request.approvalsRequired < 2) {
    return '';
  }
  const count = t('approvalsCount', approvals.length, request.approvalsRequired);
  const names = approvals.map((approval) => (approval.approvedBy ? approval.approvedBy.username : '?')).join(', ');
  return names ? `${count}: ${names}` : count;
}

/** Where fewer people may approve a pending request than it needs, it cannot be approved: say so (else nothing, ''). */
function tooFewApprovers(request) {
  if (request.status !== 'PENDING' || request.eligibleApprovers == null || request.eligibleApprovers >= request.approvalsRequired) {
    return '';
  }
  return alertBox('warning', t(request.eligibleApprovers === 1 ? 'onlyOneApprover' : 'noApprover'), t('tooFewApproversWhy'));
}

/** #/password-resets?status=&first= */
export async function list(view, params) {
  const status = params.get('status') || '';
  const first = Number(params.get('first') || 0);
  const [requests, total, dropped] = await Promise.all([
    get(`/password-resets${query({ status, order: 'pending-first', first, max: PAGE })}`),
    get(`/password-resets/count${query({ status })}`),
    get('/password-resets/count/dropped'),
  ]);
  const go = (values) => {
    location.hash = `#/password-resets${query({ status, first, ...values })}`;
  };
  const filter = select([['', t('allStatuses')], ...STATUSES.map((s) => [s, t(`status.${s}`)])], status,
    { onchange: (event) => go({ status: event.target.value, first: 0 }) });
  const rows = requests.map((request) => [
    h('div', {},
      h('a', { href: `#/password-resets/${encodeURIComponent(request.id)}` }, request.email || request.username),
      h('div', { class: 'io-secondary' }, request.username),
      h('a', { href: consoleLink(request.userId), class: 'io-secondary', target: '_blank', rel: 'noopener' }, t('inConsole'))),
    time(request.requestedAt),
    request.requestIp || '',
    String(request.requestsLast30Days),
    statusLabel(request.status),
    request.status === 'PENDING' ? approvalsText(request) : decision(request),
  ]);
  view.replaceChildren(
    h('h1', { class: 'pf-v5-c-title pf-m-2xl' }, t('resetsTitle')),
    droppedAsks(dropped),
    h('div', { class: 'pf-v5-c-toolbar' }, h('div', { class: 'pf-v5-c-toolbar__content' },
      h('div', { class: 'pf-v5-c-form io-inline' }, field(t('statusFilter'), filter)))),
    requests.length === 0 ? h('p', { class: 'io-empty' }, t('noRequests'))
      : table(t('resetsCaption'), [t('user'), t('requested'), t('ip'), t('last30Days'), t('status'), t('decision')], rows),
    pager(first, PAGE, requests.length, total, (next) => go({ first: next })));
}

/** Asks the limits dropped in the last hour: what an office behind one address would otherwise never learn. */
function droppedAsks(dropped) {
  const none = dropped.perAddress === 0 && dropped.perIp === 0;
  return h('p', { class: none ? 'io-secondary' : 'io-dropped', 'data-dropped': 'last-hour' },
    none ? t('droppedNone') : t('droppedLastHour', dropped.perAddress, dropped.perIp));
}

/** #/password-resets/{id} */
export async function detail(view, id, access) {
  const [request, options] = await Promise.all([get(`/password-resets/${encodeURIComponent(id)}`), get('/password-resets/options')]);
  const outcome = h('div', { 'aria-live': 'polite' });
  const facts = [
    [t('user'), h('span', {}, `${request.email} (${request.username}) `,
      h('a', { href: consoleLink(request.userId), target: '_blank', rel: 'noopener' }, t('inConsole')))],
    [t('requested'), time(request.requestedAt)],
    [t('ip'), request.requestIp || ''],
    [t('last30Days'), String(request.requestsLast30Days)],
    [t('status'), statusLabel(request.status)],
    [t('approvals'), approvalsText(request)],
    [t('decision'), decision(request)],
    [t('reason'), request.reason || ''],
    [t('emailDelivery'), request.emailDelivery ? t(`delivery.${request.emailDelivery}`) : ''],
  ];
  view.replaceChildren(
    h('p', {}, h('a', { href: '#/password-resets' }, t('backToRequests'))),
    h('h1', { class: 'pf-v5-c-title pf-m-2xl' }, t('requestOf', request.email)),
    descriptions(facts), tooFewApprovers(request), signals(request), outcome, actions(request, options, access, outcome, () => detail(view, id, access)));
}

function descriptions(facts) {
  return h('dl', { class: 'pf-v5-c-description-list pf-m-horizontal' }, facts.map(([term, value]) =>
    h('div', { class: 'pf-v5-c-description-list__group' },
      h('dt', { class: 'pf-v5-c-description-list__term' }, h('span', { class: 'pf-v5-c-description-list__text' }, term)),
      h('dd', { class: 'pf-v5-c-description-list__description' }, h('div', { class: 'pf-v5-c-description-list__text' }, value)))));
}

/** What an approver weighs before deciding; the risky answers in red or orange, each marked with data-signal. */
function signals(request) {
  const s = request.signals || {};
  const flag = (name, text, color) => h('span', { 'data-signal': name }, label(text, color));
  const ipSeen = { true: flag('ip-seen', t('signal.ipSeen'), 'green'), false: flag('ip-never-seen', t('signal.ipNeverSeen'), 'red') };
  const facts = [
    [t('signal.privileged'), s.privileged
      ? h('span', {}, flag('privileged', t('signal.privilegedYes'), 'red'), ' ', (s.privilegedReasons || []).map(reason).join(', '))
      : t('signal.privilegedNo')],
    [t('signal.emailChangedAt'), s.emailChangedAt ? flag('email-changed', t('signal.emailChangedOn', time(s.emailChangedAt)), 'orange')
      : t('signal.emailNotChanged')],
    [t('signal.requestIpSeenAtLogin'), ipSeen[s.requestIpSeenAtLogin] || flag('ip-unknown', t('signal.ipUnknown'), 'grey')],
    [t('signal.secondFactors'), (s.secondFactors || []).length ? s.secondFactors.join(', ') : t('signal.noSecondFactor')],
    [t('signal.accountCreatedAt'), s.accountCreatedAt ? time(s.accountCreatedAt) : ''],
    [t('last30Days'), String(s.requestsLast30Days ?? request.requestsLast30Days)],
  ];
  return h('section', { 'aria-labelledby': 'signals-title', class: 'io-signals' },
    h('h2', { class: 'pf-v5-c-title pf-m-lg', id: 'signals-title' }, t('signal.title')),
    request.emailChanged ? alertBox('danger', t('signal.emailSwapped', request.email), t('signal.emailSwappedWhy')) : null,
    descriptions(facts));
}

function reason(code) {
  return code === 'recent_email_change' ? t('signal.recentEmailChange') : code.replace(/^role:/, t('signal.role'));
}

function actions(request, options, access, outcome, reload) {
  if (request.userId === access.userId) {
    return alertBox('info', t('ownRequest'), t('ownRequestWhy'));
  }
  const done = async (work, message) => {
    try {
      const answer = await work();
      await reload();
      // An approval that was not the last one needed only counts: nothing was sent.
      const counted = answer.status === 'PENDING' ? t('approvalRecorded', answer.approvals.length, answer.approvalsRequired) : message;
      view().prepend(alertBox(answer.emailDelivery === 'FAILED' ? 'warning' : 'success', counted,
        answer.emailDelivery ? t(`delivery.${answer.emailDelivery}`) : null));
    } catch (error) {
      outcome.replaceChildren(alertBox('danger', t('failed'), error.message));
    }
  };
  if (request.status === 'PENDING') {
    const lifetimes = lifetimeChoices(LIFETIMES, options.minLinkLifetimeSeconds, options.maxLinkLifetimeSeconds, options.linkLifetimeSeconds);
    const lifetime = select(lifetimes.map((s) => [String(s), duration(s)]), String(options.linkLifetimeSeconds), { name: 'lifetime' });
    const reason = h('textarea', { name: 'reason', rows: '3', maxlength: '1000' });
    const first = request.approvals.length + 1 < request.approvalsRequired;
    const approve = async () => {
      const seconds = Number(lifetime.value);
      const what = first ? t('approveFirstWhat', request.approvals.length + 1, request.approvalsRequired, request.email, duration(seconds))
        : t('approveWhat', request.email, duration(seconds));
      if (await confirmDialog(t('approveTitle'), what, t('approve'))) {
        await done(() => post(`/password-resets/${request.id}/approve`, { expiresInSeconds: seconds }), t('approved'));
      }
    };
    const reject = async () => {
      const text = reason.value.trim();
      const what = text ? t('rejectWhatReason', request.email, text) : t('rejectWhat', request.email);
      if (await confirmDialog(t('rejectTitle'), what, t('reject'), 'danger')) {
        await done(() => post(`/password-resets/${request.id}/reject`, text ? { reason: text } : {}), t('rejected'));
      }
    };
    const approvedByMe = request.approvals.some((approval) => approval.approvedBy && approval.approvedBy.id === access.userId);
    return h('div', { class: 'pf-v5-c-form io-actions' },
      approvedByMe ? alertBox('info', t('youApproved'), t('youApprovedWhy'))
        : h('fieldset', { class: 'io-fieldset' }, h('legend', {}, t('approve')),
          field(t('linkValid'), lifetime), button(t('approveButton'), 'primary', approve, { 'data-action': 'approve' })),
      h('fieldset', { class: 'io-fieldset' }, h('legend', {}, t('reject')),
        field(t('reasonOptional'), reason, t('reasonHelp')), button(t('rejectButton'), 'danger', reject, { 'data-action': 'reject' })));
  }
  if (request.status === 'APPROVED') {
    const resend = async () => {
      if (await confirmDialog(t('resendTitle'), t('resendWhat', request.email, duration(options.linkLifetimeSeconds)), t('resend'))) {
        await done(() => post(`/password-resets/${request.id}/resend`), t('resent'));
      }
    };
    return h('div', { class: 'io-actions' }, button(t('resendButton'), 'secondary', resend, { 'data-action': 'resend' }));
  }
  if (request.status === 'CANCELLED') {
    return alertBox('warning', t('cancelledByOwner'), t('cancelledByOwnerWhy'));
  }
  return ''; // not null: replaceChildren would show it as the text "null"
}

function view() {
  return document.getElementById('view');
}
