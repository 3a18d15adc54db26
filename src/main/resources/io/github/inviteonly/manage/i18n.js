// The page's words, in English and German. {0}, {1} ... are filled in by t(key, ...values).
import de from './messages-de.js';
import en from './messages-en.js';

const MESSAGES = { en, de };

const LANGUAGE = 'invite-only-manage.language';
const offered = (document.body.dataset.languages || 'en').split(' ');

/** The page's language: one asked for (kept for this tab), else the one the server chose. */
export function setLanguage(requested) {
  if (requested && offered.includes(requested) && MESSAGES[requested]) {
    sessionStorage.setItem(LANGUAGE, requested);
  }
  const kept = sessionStorage.getItem(LANGUAGE);
  document.documentElement.lang = kept && MESSAGES[kept] ? kept : (document.body.dataset.lang || 'en');
}

export function t(key, ...values) {
  const messages = MESSAGES[document.documentElement.lang] || MESSAGES.en;
  const text = messages[key] !== undefined ? messages[key] : (MESSAGES.en[key] !== undefined ? MESSAGES.en[key] : key);
  return text.replace(/\{(\d+)\}/g, (match, index) => (values[Number(index)] !== undefined ? values[Number(index)] : match));
}
