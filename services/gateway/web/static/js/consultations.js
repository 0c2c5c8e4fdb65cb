// The consultations page: consultations the caller requested or was asked,
// with what each side may do. The denying member acknowledges and answers
// an open consultation; the requesting member closes it, or reports that
// it granted the licence despite the denial. The services decide; a
// refusal shows the server's message under the form.
import { call, Code, newRequestId, errorText, commandErrorText } from './api.js';
import { h, enumLabel, fmtDate, principal, message, announce } from './dom.js';
import { commandForm, field, radios, textarea, textInput, position } from './forms.js';

const COLUMNS = ['Denial', 'Requested by', 'Asked of', 'Question', 'Status', 'Requested', 'Due', 'Answer', 'Actions'];

/** Stages in which a consultation still awaits an answer or a close. */
const OPEN = new Set(['CONSULTATION_STATUS_REQUESTED', 'CONSULTATION_STATUS_ACKNOWLEDGED', 'CONSULTATION_STATUS_ANSWERED']);

/** ConsultationAnswer values, as the JSON API names them. */
const ANSWERS = [
  ['CONSULTATION_ANSWER_OBJECTS', 'Objects'],
  ['CONSULTATION_ANSWER_NO_OBJECTION', 'No objection'],
  ['CONSULTATION_ANSWER_NEEDS_INFORMATION', 'Needs information'],
];

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
  const me = principal();
  const reload = (pos) => load(body, pos);
  // One tbody per consultation: its row, then the row its forms open in.
  body.replaceChildren(h('div', { class: 'table-wrap' }, h('table', { class: 'items consultations' },
    h('caption', { class: 'sr-only' }, 'Consultations'),
    h('thead', {}, h('tr', {}, COLUMNS.map((t) => h('th', { scope: 'col' }, t)))),
    list.map((c) => consultation(c, me, reload)))));
}

function consultation(c, me, reload) {
  const formRow = h('tr', { class: 'form-row', hidden: true, id: `forms-${c.id}`, dataset: { formFor: c.id } },
    h('td', { colspan: COLUMNS.length }));
  const panel = disclosure(formRow);
  const actions = [];
  if (!me.agency && c.denyingMember === me.member) {
    if (c.status === 'CONSULTATION_STATUS_REQUESTED') actions.push(acknowledgeButton(c, reload));
    if (OPEN.has(c.status)) {
      actions.push(panel.toggle(c.status === 'CONSULTATION_STATUS_ANSWERED' ? 'Answer again' : 'Answer', 'answer',
        () => answerForm(c, reload, panel.close)));
    }
  }
  if (!me.agency && c.requestingMember === me.member) {
    if (OPEN.has(c.status)) actions.push(panel.toggle('Close', 'close', () => closeForm(c, reload, panel.close)));
    if (c.status !== 'CONSULTATION_STATUS_GRANTED_DESPITE_DENIAL') {
      actions.push(panel.toggle('Report grant', 'grant', () => grantForm(c, reload, panel.close)));
    }
  }
  const row = h('tr', { class: c.overdue ? 'overdue' : null, dataset: { consultationId: c.id, status: c.status } },
    h('td', {}, h('a', { href: '/items/' + encodeURIComponent(c.denialId) }, c.denialId)),
    h('td', {}, c.requestingMember),
    h('td', {}, c.denyingMember),
    h('td', {}, c.question || ''),
    h('td', { 'data-testid': 'consultation-status' }, enumLabel(c.status), c.overdue ? h('span', { class: 'badge status-overdue' }, 'Overdue') : null),
    h('td', { class: 'date' }, fmtDate(c.requestedAt)),
    h('td', { class: 'date' }, fmtDate(c.due)),
    h('td', { 'data-testid': 'consultation-answer', dataset: { answer: c.answer || '' } }, [enumLabel(c.answer), c.answerText].filter(Boolean).join(': ')),
    h('td', { class: 'actions' }, actions));
  return h('tbody', {}, row, formRow);
}

/**
 * disclosure shows one form at a time in a consultation's form row: each
 * toggle button opens its form there (closing another) or closes it.
 */
function disclosure(formRow) {
  const cell = formRow.firstChild;
  const toggles = [];
  const close = () => {
    formRow.hidden = true;
    cell.replaceChildren();
    for (const t of toggles) t.setAttribute('aria-expanded', 'false');
  };
  const toggle = (label, name, build) => {
    const btn = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': formRow.id,
      'data-testid': `consultation-${name}-toggle` }, label);
    btn.addEventListener('click', () => {
      const wasOpen = btn.getAttribute('aria-expanded') === 'true';
      close();
      if (wasOpen) return;
      cell.replaceChildren(build());
      formRow.hidden = false;
      btn.setAttribute('aria-expanded', 'true');
      const first = cell.querySelector('input, select, textarea');
      if (first) first.focus();
    });
    toggles.push(btn);
    return btn;
  };
  return { toggle, close };
}

function cancelButton(close) {
  const b = h('button', { type: 'button', class: 'secondary' }, 'Cancel');
  b.addEventListener('click', close);
  return b;
}

function acknowledgeButton(c, reload) {
  const btn = h('button', { type: 'button', class: 'secondary', 'data-testid': 'consultation-acknowledge' }, 'Acknowledge');
  const out = h('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': 'consultation-acknowledge-error' });
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    let res;
    try {
      res = await call('DenialsService', 'AcknowledgeConsultation', { requestId: newRequestId(), consultationId: c.id });
    } catch (e) {
      btn.disabled = false;
      out.textContent = commandErrorText(e);
      out.hidden = false;
      return;
    }
    announce('Consultation acknowledged.');
    await reload(position(res));
  });
  return h('span', { class: 'ack-action' }, btn, out);
}

function answerForm(c, reload, close) {
  const text = textarea('text', { rows: 4 });
  const choice = radios('Answer', 'answer', ANSWERS, { required: true });
  // An objection or a request for information needs a text; no objection does not.
  choice.addEventListener('change', (e) => {
    text.required = e.target.value !== 'CONSULTATION_ANSWER_NO_OBJECTION';
  });
  return commandForm({
    label: `Answer the consultation from ${c.requestingMember}`,
    testid: 'answer',
    fields: [choice, field('Text', text, 'Required when you object or need information; shown to ' + c.requestingMember + '.')],
    submitLabel: 'Send answer',
    extra: cancelButton(close),
    send: (v, requestId) => call('DenialsService', 'AnswerConsultation',
      { requestId, consultationId: c.id, answer: v.answer, text: v.text }),
    done: async (res) => {
      announce('Answer sent.');
      await reload(position(res));
    },
  });
}

function closeForm(c, reload, close) {
  const reason = textInput('reason');
  return commandForm({
    label: `Close the consultation of ${c.denyingMember}`,
    testid: 'close-consultation',
    fields: field('Reason (optional)', reason, 'For example "licence refused" or "application withdrawn". To report a licence granted despite the denial, use Report grant.'),
    submitLabel: 'Close consultation',
    extra: cancelButton(close),
    send: (v, requestId) => call('DenialsService', 'CloseConsultation', { requestId, consultationId: c.id, reason: v.reason }),
    done: async (res) => {
      announce('Consultation closed.');
      await reload(position(res));
    },
  });
}

function grantForm(c, reload, close) {
  const explanation = textarea('explanation', { required: true, rows: 4 });
  return commandForm({
    label: 'Report a licence granted despite the denial',
    testid: 'grant',
    fields: field('Why the licence was granted despite the denial', explanation,
      'Required. Every member that can see the denial is told of the grant, with this explanation, and the consultation ends.'),
    submitLabel: 'Report grant',
    extra: cancelButton(close),
    send: (v, requestId) => call('DenialsService', 'ReportGrantedDespiteDenial', { requestId, consultationId: c.id, explanation: v.explanation }),
    done: async (res) => {
      announce('Grant reported.');
      await reload(position(res));
    },
  });
}
