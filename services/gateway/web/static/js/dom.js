// DOM helpers. Elements are built from properties and text nodes, never
// from HTML strings, so nothing the API returns can inject markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') for (const [dk, dv] of Object.entries(v)) el.dataset[dk] = String(dv);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

/** h builds an HTML element: h('a', {href: '/x'}, 'text', child). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** svg builds an SVG element. */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const ENUM_PREFIXES = /^(ITEM_KIND|ITEM_STATUS|HANDLING_MARKING|URGENCY|RED_FLAG|ALERT_TYPE|PARTY_ROLE|REQUESTED_ACTION|RESPONSE_OUTCOME|PORT_CALL_ROLE|DENIAL_DECISION|DENIAL_BASIS|CONTACT_CHANNEL|PROCUREMENT_OUTCOME|SOURCE_CONFIDENCE|CONSULTATION_STATUS|CONSULTATION_ANSWER|IDENTIFIER_TYPE|REVIEW_OUTCOME)_/;

/** enumLabel turns "ITEM_STATUS_ACTIVE" into "Active". */
export function enumLabel(v) {
  if (!v || /_UNSPECIFIED$/.test(v)) return '';
  const s = String(v).replace(ENUM_PREFIXES, '').toLowerCase().replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The three kinds of shared information, by their protobuf enum name. */
export const KINDS = {
  ITEM_KIND_DENIAL: { key: 'denial', label: 'Denial', plural: 'Denials' },
  ITEM_KIND_PROCUREMENT: { key: 'procurement', label: 'Procurement report', plural: 'Procurement reports' },
  ITEM_KIND_ALERT: { key: 'alert', label: 'Alert', plural: 'Alerts' },
};

/** kindBadge shows an item's kind. */
export function kindBadge(kind) {
  const k = KINDS[kind] || { key: 'other', label: enumLabel(kind) || 'Item' };
  return h('span', { class: `badge kind-${k.key}` }, k.label);
}

/** markingBadge shows a handling marking. */
export function markingBadge(marking) {
  const label = enumLabel(marking);
  if (!label) return null;
  return h('span', { class: `badge marking marking-${marking.toLowerCase().replace(/_/g, '-')}` }, label);
}

/** fmtDate shows a timestamp's UTC date, YYYY-MM-DD. */
export function fmtDate(ts) {
  return ts ? String(ts).slice(0, 10) : '';
}

/** fmtDateTime shows a timestamp as "YYYY-MM-DD HH:MM UTC". */
export function fmtDateTime(ts) {
  if (!ts) return '';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return String(ts);
  return d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

const numberFormat = new Intl.NumberFormat('en');

/** fmtNumber formats a count; int64 fields arrive as strings. */
export function fmtNumber(n) {
  return numberFormat.format(Number(n || 0));
}

/** num reads an int64 or uint64 field (a JSON string) as a number. */
export function num(v) {
  return Number(v || 0);
}

/** member returns the member code of a principal ID ("DEU-customs" -> "DEU"). */
function memberOf(id) {
  return String(id || '').split('-')[0];
}

/**
 * principal describes who is signed in: the principal ID, its member and
 * whether it is a national agency ("KOR-customs"), which reads but never
 * issues commands.
 */
export function principal() {
  const id = document.body.dataset.principal || '';
  return { id, member: memberOf(id), agency: id.includes('-') };
}

/** message shows a notice, warning or error paragraph. */
export function message(kind, text, testid) {
  return h('p', { class: kind, role: kind === 'error' ? 'alert' : null, 'data-testid': testid || null }, text);
}

/** announce tells screen readers about a change. */
export function announce(text) {
  const el = document.getElementById('announce');
  if (el) el.textContent = text;
}
