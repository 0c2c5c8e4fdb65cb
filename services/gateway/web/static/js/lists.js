// The inbox and own-items pages: filtered, paged tables of item summaries.
import { call, errorText } from './api.js';
import { h, KINDS, kindBadge, markingBadge, enumLabel, fmtDate, fmtNumber } from './dom.js';
import { filterForm, itemFilter } from './filters.js';

const PAGE_SIZE = 200;

/** inboxPage lists what other members shared with the caller. */
export function inboxPage(ctx) {
  return listPage(ctx, {
    title: 'Inbox',
    intro: 'Denials, procurement reports and alerts that other members have shared with you, newest first.',
    method: 'ListInbox',
    fields: ['kind', 'status', 'country', 'code', 'from', 'to', 'unack'],
    own: false,
  });
}

/** ownPage lists the caller's own items with their recipients' status. */
export function ownPage(ctx) {
  return listPage(ctx, {
    title: 'Own items',
    intro: 'What you have shared, with each recipient’s acknowledgement and response.',
    method: 'ListOwnItems',
    fields: ['kind', 'status', 'country', 'code', 'from', 'to'],
    own: true,
  });
}

function columns(own) {
  return own
    ? ['Kind', 'Item', 'Destination', 'Control codes', 'Status', 'Shared', 'Recipients']
    : ['Kind', 'Item', 'From', 'Destination', 'Control codes', 'Status', 'Shared', 'Acknowledged'];
}

async function listPage(ctx, opt) {
  ctx.setTitle(opt.title);
  let query = ctx.query;
  const status = h('p', { class: 'count', 'data-testid': 'list-count', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, 'data-testid': 'load-more' }, 'Load more');
  const table = h('table', { class: 'items', 'data-testid': opt.own ? 'own-table' : 'inbox-table' },
    h('caption', { class: 'sr-only' }, opt.title),
    h('thead', {}, h('tr', {}, columns(opt.own).map((c) => h('th', { scope: 'col' }, c)))),
    tbody);
  const form = filterForm({
    query,
    fields: opt.fields,
    onApply: (qs) => {
      ctx.setQuery(qs, { push: true });
      query = new URLSearchParams(qs);
      load(true);
    },
  });
  ctx.show(h('h1', { tabindex: -1 }, opt.title), h('p', { class: 'intro' }, opt.intro), form, status,
    h('div', { class: 'table-wrap' }, table), more);

  let token = '';
  let count = 0;
  let gen = 0;
  async function load(reset) {
    const my = ++gen;
    if (reset) {
      token = '';
      count = 0;
    }
    status.dataset.state = 'loading';
    status.textContent = 'Loading…';
    try {
      const res = await call('ViewsService', opt.method, { filter: itemFilter(query), pageSize: PAGE_SIZE, pageToken: token });
      if (my !== gen) return;
      const rows = (res.items || []).map((it) => (opt.own ? ownRow(it) : inboxRow(it)));
      if (reset) tbody.replaceChildren(...rows);
      else tbody.append(...rows);
      count += rows.length;
      token = res.nextPageToken || '';
      more.hidden = !token;
      status.textContent = count === 0 ? 'No items match.' : `${fmtNumber(count)} item${count === 1 ? '' : 's'}${token ? ' so far' : ''}`;
      status.dataset.count = String(count);
      status.dataset.state = token ? 'partial' : 'complete';
    } catch (e) {
      if (my !== gen) return;
      if (reset) tbody.replaceChildren();
      status.dataset.state = 'error';
      status.replaceChildren(h('span', { class: 'error', role: 'alert' }, errorText(e)));
    }
  }
  more.addEventListener('click', () => load(false));
  await load(true);
}

function itemCell(s) {
  return h('td', { class: 'item-cell' },
    h('a', { href: '/items/' + encodeURIComponent(s.id), class: 'title' }, s.title || s.reference || s.id),
    h('div', { class: 'sub' }, s.reference ? h('span', {}, s.reference) : null, markingBadge(s.marking), urgencyBadge(s.urgency)));
}

function urgencyBadge(u) {
  const label = enumLabel(u);
  return label ? h('span', { class: `badge urgency-${label.toLowerCase()}` }, label) : null;
}

function codes(list) {
  return (list || []).map((c) => h('code', { class: 'cc' }, c));
}

/** statusBadge shows an item's lifecycle status. */
export function statusBadge(st) {
  const label = enumLabel(st) || 'Unknown';
  return h('span', { class: `badge status-${label.toLowerCase()}` }, label);
}

function inboxRow(s) {
  const ack = s.acknowledged
    ? h('span', { class: 'ok' }, '✓ ', h('time', { datetime: s.acknowledgedAt }, fmtDate(s.acknowledgedAt)))
    : h('span', { class: 'pending' }, s.addressed ? 'Action requested' : 'Not yet');
  return h('tr', { dataset: { itemId: s.id, kind: (KINDS[s.kind] || {}).key || '' } },
    h('td', {}, kindBadge(s.kind)),
    itemCell(s),
    h('td', {}, s.originator),
    h('td', {}, s.destinationCountry),
    h('td', {}, codes(s.controlCodes)),
    h('td', {}, statusBadge(s.status)),
    h('td', {}, h('time', { datetime: s.createdAt }, fmtDate(s.createdAt))),
    h('td', {}, ack));
}

function ownRow(o) {
  const s = o.summary || {};
  const recipients = o.recipients || [];
  const acked = recipients.filter((r) => r.acknowledged).length;
  const responded = recipients.filter((r) => r.responded).length;
  const text = recipients.length === 0 ? 'No addressed recipients'
    : `${acked} of ${recipients.length} acknowledged` + (s.kind === 'ITEM_KIND_ALERT' ? `, ${responded} responded` : '');
  return h('tr', { dataset: { itemId: s.id, kind: (KINDS[s.kind] || {}).key || '' } },
    h('td', {}, kindBadge(s.kind)),
    itemCell(s),
    h('td', {}, s.destinationCountry),
    h('td', {}, codes(s.controlCodes)),
    h('td', {}, statusBadge(s.status)),
    h('td', {}, h('time', { datetime: s.createdAt }, fmtDate(s.createdAt))),
    h('td', { dataset: { acknowledged: acked, recipients: recipients.length } }, text));
}
