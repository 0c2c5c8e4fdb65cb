// Filters shared by the lists and the dashboard: read from and written to
// the URL's query, turned into the API's ItemFilter.
import { h } from './dom.js';

const KIND_OPTIONS = [['', 'All kinds'], ['denial', 'Denials'], ['procurement', 'Procurement reports'], ['alert', 'Alerts']];
const STATUS_OPTIONS = [['', 'Any status'], ['active', 'Active'], ['revoked', 'Revoked'], ['expired', 'Expired'],
  ['withdrawn', 'Withdrawn'], ['closed', 'Closed']];
const PERIOD_OPTIONS = [['month', 'Month'], ['quarter', 'Quarter'], ['year', 'Year']];

const ALLOWED = {
  kind: new Set(KIND_OPTIONS.map((o) => o[0])),
  status: new Set(STATUS_OPTIONS.map((o) => o[0])),
  period: new Set(PERIOD_OPTIONS.map((o) => o[0])),
};

/** pick returns the query's value for name, or '' when it is not allowed. */
export function pick(query, name) {
  let v = (query.get(name) || '').trim();
  if (name === 'country') v = v.toUpperCase();
  if (ALLOWED[name] && !ALLOWED[name].has(v)) return '';
  return v;
}

/** itemFilter turns the query into an ItemFilter request object. */
export function itemFilter(query) {
  const f = {};
  const kind = pick(query, 'kind');
  const status = pick(query, 'status');
  if (kind) f.kind = 'ITEM_KIND_' + kind.toUpperCase();
  if (status) f.status = 'ITEM_STATUS_' + status.toUpperCase();
  if (pick(query, 'country')) f.country = pick(query, 'country');
  if (pick(query, 'code')) f.controlCode = pick(query, 'code');
  if (pick(query, 'from')) f.fromDate = pick(query, 'from');
  if (pick(query, 'to')) f.toDate = pick(query, 'to');
  if (pick(query, 'unack') === '1') f.unacknowledgedOnly = true;
  return f;
}

function select(name, label, options, value) {
  const id = 'f-' + name;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name }, options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

function input(name, label, value, attrs = {}) {
  const id = 'f-' + name;
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name, value, ...attrs }));
}

const FIELD_BUILDERS = {
  period: (q) => select('period', 'Period', PERIOD_OPTIONS, pick(q, 'period') || 'month'),
  kind: (q) => select('kind', 'Kind', KIND_OPTIONS, pick(q, 'kind')),
  status: (q) => select('status', 'Status', STATUS_OPTIONS, pick(q, 'status')),
  country: (q) => input('country', 'Country (ISO 3)', pick(q, 'country'),
    { maxlength: 3, size: 4, pattern: '[A-Za-z]{3}', autocomplete: 'off', placeholder: 'IRN', title: 'Three-letter ISO 3166 code' }),
  code: (q) => input('code', 'Control code', pick(q, 'code'), { size: 8, autocomplete: 'off', placeholder: '9.A' }),
  from: (q) => input('from', 'From', pick(q, 'from'), { type: 'date' }),
  to: (q) => input('to', 'To', pick(q, 'to'), { type: 'date' }),
  unack: (q) => h('div', { class: 'field check' },
    h('input', { id: 'f-unack', name: 'unack', type: 'checkbox', value: '1', checked: pick(q, 'unack') === '1' }),
    h('label', { for: 'f-unack' }, 'Unacknowledged only')),
};

/**
 * filterForm builds a filter form for fields. onApply receives the new
 * query string. With live set, every change applies at once; otherwise
 * the Apply button does.
 */
export function filterForm({ query, fields, onApply, live = false, label = 'Filters' }) {
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': label },
    fields.map((f) => FIELD_BUILDERS[f](query)),
    h('div', { class: 'field actions' },
      live ? null : h('button', { type: 'submit' }, 'Apply'),
      h('button', { type: 'reset', class: 'secondary' }, 'Reset')));
  const apply = () => {
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form)) q.set(k, String(v));
    onApply(canonicalQuery(q, fields));
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (form.reportValidity()) apply();
  });
  form.addEventListener('reset', (e) => {
    e.preventDefault();
    for (const el of form.elements) {
      if (el.type === 'checkbox') el.checked = false;
      else if (el.tagName === 'SELECT') el.selectedIndex = 0;
      else if (el.tagName === 'INPUT') el.value = '';
    }
    apply();
  });
  if (live) {
    form.addEventListener('change', () => {
      if (form.checkValidity()) apply();
    });
  }
  return form;
}

/** canonicalQuery writes fields of query in a fixed order, without empty values or the default period. */
export function canonicalQuery(query, fields) {
  const out = new URLSearchParams();
  for (const f of fields) {
    const v = pick(query, f);
    if (v && !(f === 'period' && v === 'month')) out.set(f, v);
  }
  return out.toString();
}
