// Small DOM helpers in PatternFly 5 markup. Text is always set as text, never parsed as HTML.
import { t } from './i18n.js';

/** h('button', {class: 'x', onclick: f}, 'text', child, ...) */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value === undefined || value === null || value === false) {
      return;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.substring(2), value);
    } else if (name === 'value' || name === 'checked') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  });
  children.flat().forEach((child) => {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  });
  return element;
}

let flash = null;

/** A message for the next view that is drawn (after an action that redraws the list). */
export function setFlash(node) {
  flash = node;
}

export function takeFlash() {
  const node = flash;
  flash = null;
  return node;
}

let ids = 0;
export function uniqueId(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

export function button(text, variant, onclick, attributes) {
  return h('button', { type: 'button', class: `pf-v5-c-button pf-m-${variant}`, onclick, ...(attributes || {}) }, text);
}

export function alertBox(variant, title, detail) {
  return h('div', { class: `pf-v5-c-alert pf-m-inline pf-m-${variant}`, role: variant === 'danger' ? 'alert' : 'status' },
    h('p', { class: 'pf-v5-c-alert__title' }, title),
    detail ? h('div', { class: 'pf-v5-c-alert__description' }, h('p', {}, detail)) : null);
}

export function label(text, color) {
  return h('span', { class: `pf-v5-c-label pf-m-${color || 'grey'}` },
    h('span', { class: 'pf-v5-c-label__content' }, h('span', { class: 'pf-v5-c-label__text' }, text)));
}

/** A labelled form field around a control; returns the group. */
export function field(labelText, control, helper) {
  const id = control.id || uniqueId('field');
  control.id = id;
  return h('div', { class: 'pf-v5-c-form__group' },
    h('div', { class: 'pf-v5-c-form__group-label' },
      h('label', { class: 'pf-v5-c-form__label', for: id }, h('span', { class: 'pf-v5-c-form__label-text' }, labelText))),
    h('div', { class: 'pf-v5-c-form__group-control' },
      h('span', { class: `pf-v5-c-form-control${control.tagName === 'SELECT' ? ' pf-m-select' : ''}` }, control),
      helper ? h('div', { class: 'pf-v5-c-form__helper-text' }, h('div', { class: 'pf-v5-c-helper-text' },
        h('div', { class: 'pf-v5-c-helper-text__item' }, h('span', { class: 'pf-v5-c-helper-text__item-text' }, helper)))) : null));
}

export function select(options, value, attributes) {
  return h('select', attributes || {}, options.map(([optionValue, text]) =>
    h('option', { value: optionValue, selected: optionValue === value }, text)));
}

/** A table with a caption, header cells and rows of cells (each a node or text); stacks on narrow screens. */
export function table(caption, headers, rows) {
  return h('table', { class: 'pf-v5-c-table pf-m-grid-md' },
    h('caption', { class: 'pf-v5-c-table__caption' }, caption),
    h('thead', { class: 'pf-v5-c-table__thead' }, h('tr', { class: 'pf-v5-c-table__tr' },
      headers.map((header) => h('th', { class: 'pf-v5-c-table__th pf-m-wrap', scope: 'col' }, header)))),
    h('tbody', { class: 'pf-v5-c-table__tbody' }, rows.map((cells) => h('tr', { class: 'pf-v5-c-table__tr' },
      cells.map((cell, i) => h('td', { class: 'pf-v5-c-table__td', 'data-label': headers[i] }, cell))))));
}

/** Previous/next paging of a server-paged list. */
export function pager(first, max, shown, total, go) {
  const end = first + shown;
  return h('nav', { class: 'pf-v5-c-pagination pf-m-compact', 'aria-label': t('paging') },
    h('span', { class: 'io-range' }, t('pageRange', total === 0 ? 0 : first + 1, end, total)),
    h('div', { class: 'pf-v5-c-pagination__nav' },
      button(t('previous'), 'plain', () => go(Math.max(0, first - max)), { disabled: first === 0, 'aria-label': t('previous') }),
      button(t('next'), 'plain', () => go(first + max), { disabled: end >= total, 'aria-label': t('next') })));
}

/**
 * A modal dialog that says exactly what will happen; resolves true on confirm, false on cancel or Escape.
 * Focus moves into it and comes back to where it was.
 */
export function confirmDialog(title, body, confirmText, variant) {
  return new Promise((resolve) => {
    const previous = document.activeElement;
    const titleId = uniqueId('dialog-title');
    const bodyId = uniqueId('dialog-body');
    let backdrop = null;
    const close = (answer) => {
      backdrop.remove();
      document.removeEventListener('keydown', onKey);
      if (previous && previous.focus) {
        previous.focus();
      }
      resolve(answer);
    };
    const confirm = button(confirmText, variant || 'primary', () => close(true), { 'data-action': 'confirm' });
    const cancel = button(t('cancel'), 'link', () => close(false), { 'data-action': 'cancel' });
    const box = h('div', { class: 'pf-v5-c-modal-box pf-m-sm', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId, 'aria-describedby': bodyId },
      h('header', { class: 'pf-v5-c-modal-box__header' }, h('h1', { class: 'pf-v5-c-modal-box__title', id: titleId }, title)),
      h('div', { class: 'pf-v5-c-modal-box__body', id: bodyId }, body),
      h('footer', { class: 'pf-v5-c-modal-box__footer' }, confirm, cancel));
    const onKey = (event) => {
      if (event.key === 'Escape') {
        close(false);
      } else if (event.key === 'Tab') {
        const focusable = [confirm, cancel];
        const index = focusable.indexOf(document.activeElement);
        event.preventDefault();
        focusable[(index + (event.shiftKey ? focusable.length - 1 : 1)) % focusable.length].focus();
      }
    };
    backdrop = h('div', { class: 'pf-v5-c-backdrop' }, h('div', { class: 'pf-v5-l-bullseye' }, box));
    document.body.append(backdrop);
    document.addEventListener('keydown', onKey);
    confirm.focus();
  });
}

/** A duration in words: days, hours or minutes. */
export function duration(seconds) {
  if (seconds % 86400 === 0) {
    return t(seconds === 86400 ? 'oneDay' : 'days', seconds / 86400);
  }
  if (seconds % 3600 === 0) {
    return t(seconds === 3600 ? 'oneHour' : 'hours', seconds / 3600);
  }
  const minutes = Math.round(seconds / 60);
  return t(minutes === 1 ? 'oneMinute' : 'minutes', minutes);
}

export function time(millis) {
  return millis ? new Date(millis).toLocaleString(document.documentElement.lang) : '';
}

/** Lifetimes to offer within bounds, the default among them. */
export function lifetimeChoices(steps, min, max, preferred) {
  const choices = steps.filter((s) => s >= min && s <= max);
  if (!choices.includes(preferred) && preferred >= min && preferred <= max) {
    choices.push(preferred);
  }
  return choices.sort((a, b) => a - b);
}
