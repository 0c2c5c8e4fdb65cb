// The consultations page: consultations the caller requested or was asked.
import { call, Code, newRequestId, errorText } from './api.js';
import { h, enumLabel, fmtDate, memberOf, message, announce } from './dom.js';

/** consultationsPage lists consultations, open ones first. */
export async function consultationsPage(ctx) {
  ctx.setTitle('Consultations');
  const body = h('div', { 'data-testid': 'consultations' }, h('p', { class: 'loading' }, 'Loading…'));
  ctx.show(h('h1', { tabindex: -1 }, 'Consultations'),
    h('p', { class: 'intro' }, 'Consultations on denials before a licence is granted for an essentially identical transaction.'),
    body);
  await load(body, 0);
}

async function load(body, minPosition) {
  let res;
  try {
    res = await call('ViewsService', 'ListConsultations', { minPosition: String(minPosition) });
  } catch (e) {
    if (e.code === Code.UNIMPLEMENTED) {
      body.replaceChildren(message('notice', 'Consultations are not available on this server yet.', 'unavailable'));
      return;
    }
    body.replaceChildren(message('error', errorText(e)));
    return;
  }
  const list = res.consultations || [];
  if (list.length === 0) {
    body.replaceChildren(message('notice', 'No consultations.', 'empty'));
    return;
  }
  const me = memberOf(document.body.dataset.principal);
  body.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'items' },
    h('thead', {}, h('tr', {}, ['Denial', 'Requested by', 'Asked of', 'Question', 'Status', 'Requested', 'Due', 'Answer', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map((c) => row(c, me, body))))));
}

function row(c, me, body) {
  let action = null;
  if (c.denyingMember === me && c.status === 'CONSULTATION_STATUS_REQUESTED') {
    action = h('button', { type: 'button', class: 'secondary' }, 'Acknowledge');
    action.addEventListener('click', async () => {
      action.disabled = true;
      try {
        const res = await call('DenialsService', 'AcknowledgeConsultation', { requestId: newRequestId(), consultationId: c.id });
        announce('Consultation acknowledged.');
        await load(body, (res.result || {}).position || 0);
      } catch (e) {
        action.disabled = false;
        action.after(message('error', errorText(e)));
      }
    });
  }
  return h('tr', { class: c.overdue ? 'overdue' : null, dataset: { consultationId: c.id, status: c.status } },
    h('td', {}, h('a', { href: '/items/' + encodeURIComponent(c.denialId) }, c.denialId)),
    h('td', {}, c.requestingMember),
    h('td', {}, c.denyingMember),
    h('td', {}, c.question || ''),
    h('td', {}, enumLabel(c.status), c.overdue ? h('span', { class: 'badge status-overdue' }, 'Overdue') : null),
    h('td', {}, fmtDate(c.requestedAt)),
    h('td', {}, fmtDate(c.due)),
    h('td', {}, [enumLabel(c.answer), c.answerText].filter(Boolean).join(': ')),
    h('td', {}, action));
}
