// Bulk invitations from CSV (upload or paste): columns email, firstName, lastName, roles, groups (roles
// and groups separated by "|" or spaces). A preview checks each row against what the caller may grant;
// valid rows go to the bulk API; every row gets its result, and the results download as CSV.
import { post } from './api.js';
import { format, parse } from './csv.js';
import { t } from './i18n.js';
import { alertBox, button, field, h, table } from './ui.js';

const COLUMNS = ['email', 'firstName', 'lastName', 'roles', 'groups'];
const MAX_ROWS = 500;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function list(cell) {
  return (cell || '').split(/[|\s]+/).map((item) => item.trim()).filter(Boolean);
}

/** Rows of the CSV with what is wrong with each (an empty list when nothing is). */
export function check(text, options) {
  const rows = parse(text);
  if (rows.length === 0) {
    return { error: t('csvEmpty'), rows: [] };
  }
  const header = rows[0].map((name) => name.trim());
  const missing = COLUMNS.filter((name) => name === 'email').filter((name) => !header.includes(name));
  if (missing.length) {
    return { error: t('csvNoEmail'), rows: [] };
  }
  const unknown = header.filter((name) => !COLUMNS.includes(name));
  if (unknown.length) {
    return { error: t('csvUnknownColumns', unknown.join(', ')), rows: [] };
  }
  if (rows.length - 1 > MAX_ROWS) {
    return { error: t('csvTooMany', MAX_ROWS), rows: [] };
  }
  const grantableRoles = new Set(options.roles.map((r) => r.name));
  const grantableGroups = new Set(options.groups);
  const seen = new Set();
  return {
    rows: rows.slice(1).map((cells, i) => {
      const value = (name) => (header.includes(name) ? (cells[header.indexOf(name)] || '').trim() : '');
      const item = {
        line: i + 2,
        email: value('email').toLowerCase(),
        firstName: value('firstName'),
        lastName: value('lastName'),
        roles: list(value('roles')),
        groups: list(value('groups')).map((g) => (g.startsWith('/') ? g : `/${g}`)),
      };
      const problems = [];
      if (!EMAIL.test(item.email)) {
        problems.push(t('badEmail'));
      } else if (seen.has(item.email)) {
        problems.push(t('duplicateEmail'));
      }
      seen.add(item.email);
      item.roles.filter((r) => !grantableRoles.has(r)).forEach((r) => problems.push(t('roleNotGrantable', r)));
      item.groups.filter((g) => !grantableGroups.has(g)).forEach((g) => problems.push(t('groupNotGrantable', g)));
      item.problems = problems;
      return item;
    }),
  };
}

export function show(view, options) {
  const text = h('textarea', { name: 'csv', rows: '8', spellcheck: 'false' });
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv' });
  const preview = h('div', { 'aria-live': 'polite' });
  const outcome = h('div', { 'aria-live': 'polite' });
  file.addEventListener('change', async () => {
    if (file.files.length) {
      text.value = await file.files[0].text();
      showPreview();
    }
  });
  const showPreview = () => {
    outcome.replaceChildren();
    const checked = check(text.value, options);
    if (checked.error) {
      preview.replaceChildren(alertBox('danger', checked.error));
      return;
    }
    const valid = checked.rows.filter((row) => row.problems.length === 0);
    const invalid = checked.rows.length - valid.length;
    preview.replaceChildren(
      h('h2', { class: 'pf-v5-c-title pf-m-lg' }, t('preview')),
      alertBox(invalid ? 'warning' : 'info', t('previewSummary', valid.length, invalid)),
      table(t('preview'), [t('line'), t('email'), t('name'), t('rolesAndGroups'), t('check')], checked.rows.map((row) => [
        String(row.line), row.email, [row.firstName, row.lastName].filter(Boolean).join(' '), [...row.roles, ...row.groups].join(', '),
        row.problems.length ? h('span', { class: 'io-problem' }, row.problems.join('; ')) : t('rowOk'),
      ])),
      valid.length ? button(t('createValid', valid.length), 'primary', () => submit(checked.rows), { 'data-action': 'create-all' }) : null);
  };
  const submit = async (rows) => {
    const valid = rows.filter((row) => row.problems.length === 0);
    try {
      const answer = await post('/invitations/bulk', {
        invitations: valid.map((row) => ({
          email: row.email,
          firstName: row.firstName || undefined,
          lastName: row.lastName || undefined,
          roles: row.roles,
          groups: row.groups,
        })),
      });
      valid.forEach((row, i) => {
        const result = answer.results[i];
        row.result = result.result;
        row.detail = result.result === 'created' ? t('delivery.PENDING') : (result.reason || result.error);
      });
      rows.filter((row) => row.problems.length).forEach((row) => {
        row.result = 'not sent';
        row.detail = row.problems.join('; ');
      });
      results(rows, answer.created);
    } catch (error) {
      outcome.replaceChildren(alertBox('danger', t('failed'), error.message));
    }
  };
  const results = (rows, created) => {
    const explained = rows.length - created;
    const csv = format([['line', 'email', 'firstName', 'lastName', 'roles', 'groups', 'result', 'detail'],
      ...rows.map((row) => [row.line, row.email, row.firstName, row.lastName, row.roles.join('|'), row.groups.join('|'), row.result, row.detail])]);
    const download = h('a', {
      class: 'pf-v5-c-button pf-m-secondary',
      href: URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' })),
      download: 'invitations-results.csv',
      'data-action': 'download',
    }, t('downloadResults'));
    preview.replaceChildren();
    outcome.replaceChildren(
      h('h2', { class: 'pf-v5-c-title pf-m-lg' }, t('results')),
      alertBox(explained ? 'warning' : 'success', t('resultsSummary', created, explained)),
      download,
      table(t('results'), [t('line'), t('email'), t('result'), t('detail')], rows.map((row) => [
        String(row.line), row.email, t(`result.${row.result}`), row.detail || '',
      ])));
  };
  view.replaceChildren(
    h('p', {}, h('a', { href: '#/invitations' }, t('backToInvitations'))),
    h('h1', { class: 'pf-v5-c-title pf-m-2xl' }, t('bulkInvite')),
    h('p', {}, t('bulkHelp')),
    h('form', { class: 'pf-v5-c-form', onsubmit: (event) => { event.preventDefault(); showPreview(); } },
      field(t('csvFile'), file), field(t('csvPaste'), text),
      h('div', { class: 'pf-v5-c-form__actions' }, button(t('checkRows'), 'secondary', null, { type: 'submit', 'data-action': 'preview' }))),
    preview, outcome);
}
