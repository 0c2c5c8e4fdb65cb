// The item detail page: content, recipients' acknowledgement and response
// status, links and history, with the acknowledge button and, for alerts,
// the response and close forms.
import { call, Code, newRequestId, commandErrorText } from './api.js';
import { h, KINDS, kindBadge, markingBadge, enumLabel, fmtDate, fmtDateTime, num, principal, announce } from './dom.js';
import { statusBadge } from './lists.js';
import { alertActions } from './alert-actions.js';

/** How each kind is acknowledged: service, method and id field. */
const ACKNOWLEDGE = {
  ITEM_KIND_DENIAL: ['DenialsService', 'AcknowledgeDenial', 'denialId'],
  ITEM_KIND_PROCUREMENT: ['ProcurementService', 'AcknowledgeReport', 'reportId'],
  ITEM_KIND_ALERT: ['BrokeringService', 'AcknowledgeAlert', 'alertId'],
};

/** itemPage shows one item; an item the caller may not see is "not found". */
export async function itemPage(ctx) {
  const id = ctx.params[0];
  ctx.setTitle('Item');
  ctx.show(h('p', { class: 'loading' }, 'Loading…'));
  await showItem(ctx, id, 0);
}

async function showItem(ctx, id, minPosition) {
  let res;
  try {
    res = await call('ViewsService', 'GetItem', { id, minPosition: String(minPosition || 0) });
  } catch (e) {
    if (e.code === Code.NOT_FOUND || e.code === Code.INVALID_ARGUMENT) {
      ctx.setTitle('Item not found');
      ctx.show(h('div', { class: 'not-found', 'data-testid': 'not-found' },
        h('h1', { tabindex: -1 }, 'Item not found'),
        h('p', {}, 'There is no item with this identifier that has been shared with you.'),
        h('p', {}, h('a', { href: '/inbox' }, 'Back to the inbox'))));
      return;
    }
    throw e;
  }
  const s = res.summary || {};
  ctx.setTitle(s.title || s.reference || 'Item');
  const content = res.denial || res.procurement || res.alert || {};
  const me = principal();
  const reload = (position) => showItem(ctx, s.id, position);
  ctx.show(h('article', { class: 'item', 'data-testid': 'item-detail', dataset: { itemId: s.id, kind: (KINDS[s.kind] || {}).key || '', status: s.status } },
    header(s),
    acknowledgeBlock(ctx, me, s),
    s.kind === 'ITEM_KIND_ALERT' ? alertActions(me, s, content, res.recipients || [], reload) : null,
    h('div', { class: 'columns' },
      h('div', {}, details(s, content)),
      h('div', {}, recipients(res.recipients || [], s), links(res.links || []), history(res.history || [])))));
}

function header(s) {
  return h('header', { class: 'item-head' },
    h('p', { class: 'crumbs' }, h('a', { href: '/inbox' }, 'Inbox'), ' / ', s.reference || s.id),
    h('h1', { tabindex: -1 }, s.title || s.reference || s.id),
    h('p', { class: 'badges' }, kindBadge(s.kind), statusBadge(s.status), markingBadge(s.marking),
      enumLabel(s.urgency) ? h('span', { class: 'badge' }, enumLabel(s.urgency)) : null,
      enumLabel(s.alertType) ? h('span', { class: 'badge' }, enumLabel(s.alertType)) : null),
    dl([
      ['Originator', s.originator],
      ['Destination', s.destinationCountry],
      ['Countries named', (s.countries || []).join(', ')],
      ['Control codes', (s.controlCodes || []).map((c) => h('code', { class: 'cc' }, c))],
      ['Red flags', (s.redFlags || []).map(enumLabel).join('; ')],
      ['Shared', fmtDateTime(s.createdAt)],
      ['Updated', fmtDateTime(s.updatedAt)],
      [s.kind === 'ITEM_KIND_ALERT' ? 'Response deadline' : 'Review date', fmtDate(s.dueAt)],
      ['Version', s.version],
    ]));
}

function acknowledgeBlock(ctx, me, s) {
  if (s.originator === me.member) return h('p', { class: 'notice' }, 'You shared this item.');
  if (s.acknowledged) {
    return h('p', { class: 'ok', 'data-testid': 'ack-status' }, `You acknowledged receipt on ${fmtDateTime(s.acknowledgedAt)}.`);
  }
  const how = ACKNOWLEDGE[s.kind];
  // Agencies read; their member delegation acknowledges. Only the members
  // an open alert is addressed to acknowledge it.
  if (!how || me.agency) return null;
  if (s.kind === 'ITEM_KIND_ALERT' && (!s.addressed || s.status !== 'ITEM_STATUS_ACTIVE')) return null;
  const out = h('p', { class: 'error', role: 'alert', hidden: true });
  const btn = h('button', { type: 'button', 'data-testid': 'acknowledge' }, 'Acknowledge receipt');
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    try {
      const [service, method, field] = how;
      const res = await call(service, method, { requestId: newRequestId(), [field]: s.id });
      announce('Acknowledged.');
      await showItem(ctx, s.id, num(res.result && res.result.position));
    } catch (e) {
      btn.disabled = false;
      out.hidden = false;
      out.textContent = commandErrorText(e);
    }
  });
  return h('div', { class: 'ack', 'data-testid': 'ack-status' },
    h('p', {}, s.addressed ? 'You are asked to act on this alert. ' : '', 'You have not acknowledged receipt yet.'), btn, out);
}

/** dl renders label/value pairs, skipping empty values. */
function dl(pairs) {
  const rows = pairs.filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== '0' && !(Array.isArray(v) && v.length === 0));
  return h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function section(title, ...body) {
  const parts = body.flat().filter(Boolean);
  if (parts.length === 0) return null;
  return h('section', { class: 'card' }, h('h2', {}, title), parts);
}

function entries(list) {
  return (list || []).map((c) => h('code', { class: 'cc' }, c.mtcrCode + (c.nationalCode ? ` (${c.nationalCode})` : '')));
}

function quantity(q) {
  return q && q.amount ? `${q.amount} ${q.unit || ''}`.trim() : '';
}

function money(m) {
  if (!m || !m.currency) return '';
  return `${(num(m.amountMinor) / 100).toLocaleString('en', { minimumFractionDigits: 2 })} ${m.currency}`;
}

function releasability(r) {
  if (!r) return '';
  return r.allMembers ? 'All members' : (r.members || []).join(', ');
}

function details(s, c) {
  const common = [['Releasable to', releasability(c.releasability)], ['Marking', enumLabel(c.marking)]];
  let main;
  if (s.kind === 'ITEM_KIND_DENIAL') {
    main = section('Denial notice', dl([
      ['Reference', c.reference], ['Authority', c.authority], ['Denial date', c.denialDate],
      ['Decision', enumLabel(c.decision)], ['Basis', enumLabel(c.basis)], ['Control entries', entries(c.controlEntries)],
      ['Item', c.itemDescription], ['Quantity', quantity(c.quantity)], ['Value', money(c.value)],
      ['End use', c.endUse], ['Reason', c.reason], ...common]));
  } else if (s.kind === 'ITEM_KIND_PROCUREMENT') {
    main = section('Procurement attempt', dl([
      ['Reference', c.reference], ['Agency', c.agency], ['Contact', [c.firstContactDate, c.lastContactDate].filter(Boolean).join(' – ')],
      ['Channel', enumLabel(c.channel)], ['Outcome', enumLabel(c.outcome)], ['Source confidence', enumLabel(c.sourceConfidence)],
      ['Summary', c.summary], ['Payment route', c.paymentRoute ? [c.paymentRoute.description, (c.paymentRoute.countries || []).join(' → ')].filter(Boolean).join(' — ') : ''],
      ['Shipping route', (c.shippingRoute || []).map((p) => `${p.name || ''} (${p.country})${p.freeTradeZone ? ' FTZ' : ''}`).join(' → ')],
      ...common]),
    (c.items || []).length ? h('h3', {}, 'Items sought') : null,
    (c.items || []).map((it) => dl([['Description', it.description], ['Control entries', entries(it.controlEntries)],
      ['Parameters', it.technicalParameters], ['Quantity', quantity(it.quantity)]])));
  } else if (s.kind === 'ITEM_KIND_ALERT') {
    main = section('Alert', dl([
      ['Reference', c.reference], ['Type', enumLabel(c.type)], ['Urgency', enumLabel(c.urgency)],
      ['Requested action', enumLabel(c.requestedAction)], ['Addressed to', (c.addressedMembers || []).join(', ')],
      ['Response deadline', fmtDateTime(c.responseDeadline)], ['Summary', c.summary],
      ['Vessel', c.vessel && c.vessel.name ? `${c.vessel.name}${c.vessel.imoNumber ? ` (IMO ${c.vessel.imoNumber})` : ''}${c.vessel.flag ? `, flag ${c.vessel.flag}` : ''}` : ''],
      ['Flight', c.flight && c.flight.flightNumber ? c.flight.flightNumber : ''],
      ['Containers', ((c.consignment || {}).containerNumbers || []).join(', ')],
      ['Declared cargo', (c.cargo || {}).declaredDescription], ['Suspected entries', entries((c.cargo || {}).suspectedEntries)],
      ...common]),
    route(c.route || []));
  }
  return [main, parties(c.parties || [])];
}

function route(calls) {
  if (calls.length === 0) return null;
  return h('table', { class: 'small' }, h('caption', {}, 'Route'),
    h('thead', {}, h('tr', {}, ['Role', 'Port', 'Country', 'Arrival', 'Departure'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, calls.map((p) => h('tr', {}, h('td', {}, enumLabel(p.role)), h('td', {}, p.port, p.locode ? ` (${p.locode})` : ''),
      h('td', {}, p.country), h('td', {}, p.arrivalDate || ''), h('td', {}, p.departureDate || '')))));
}

function parties(list) {
  if (list.length === 0) return null;
  return section('Parties', h('table', { class: 'small' },
    h('thead', {}, h('tr', {}, ['Role', 'Name', 'Country', 'Also known as'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map((p) => h('tr', {}, h('td', {}, enumLabel(p.role)), h('td', {}, p.name), h('td', {}, p.country || ''),
      h('td', {}, (p.aliases || []).join('; ')))))));
}

function recipients(list, s) {
  if (list.length === 0) return null;
  const alert = s.kind === 'ITEM_KIND_ALERT';
  const cols = ['Member', 'Acknowledged'].concat(alert ? ['Response'] : []);
  return section('Recipients', h('table', { class: 'small', 'data-testid': 'recipients' },
    h('thead', {}, h('tr', {}, cols.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map((r) => h('tr', { dataset: { member: r.member, acknowledged: !!r.acknowledged, responded: !!r.responded, lapsed: !!r.lapsed, outcome: (r.response || {}).outcome || '' } },
      h('td', {}, r.member),
      h('td', {}, r.acknowledged ? fmtDateTime(r.acknowledgedAt) : 'Not yet'),
      alert ? h('td', { class: 'response' }, response(r)) : null)))));
}

function response(r) {
  if (!r.responded) return r.lapsed ? 'Lapsed without response' : 'Awaited';
  const resp = r.response || {};
  return [
    h('strong', {}, enumLabel(resp.outcome) || 'Responded'), ` (${fmtDate(r.respondedAt)})`,
    enumLabel(resp.actionTaken) ? h('div', { class: 'muted' }, `Action taken: ${enumLabel(resp.actionTaken)}`) : null,
    r.lapsed ? h('div', { class: 'muted' }, 'After the deadline had lapsed') : null,
    resp.text ? h('div', { class: 'response-text' }, resp.text) : null,
  ];
}

function links(list) {
  if (list.length === 0) return null;
  return section('Linked items', h('ul', { class: 'links' }, list.map((l) => h('li', {},
    kindBadge((l.other || {}).kind), ' ', h('a', { href: '/items/' + encodeURIComponent((l.other || {}).id) }, (l.other || {}).id),
    h('span', { class: 'muted' }, ` linked by ${l.linkedBy} on ${fmtDate(l.linkedAt)}`), l.comment ? h('div', {}, l.comment) : null))));
}

function eventName(type) {
  const words = String(type || '').replace(/^.*\./, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function history(list) {
  if (list.length === 0) return null;
  return section('History', h('ol', { class: 'history', 'data-testid': 'history' }, list.map((e) => {
    const ev = e.event || {};
    const who = ev.originator ? [ev.originator.member, ev.originator.agency].filter(Boolean).join('-') : '';
    return h('li', { dataset: { position: e.position, type: ev.type || '' } },
      h('time', { datetime: ev.occurredAt }, fmtDateTime(ev.occurredAt)), ' ',
      h('strong', {}, eventName(ev.type)), who ? h('span', { class: 'muted' }, ` by ${who}`) : null);
  })));
}

