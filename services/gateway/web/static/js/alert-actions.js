// What a member does with an alert on its detail page: an addressed member
// responds (action taken, outcome, what it found); the originator closes
// it. The services decide who may do what; the page offers each action
// only to whom it applies and shows the server's message on a refusal.
import { call } from './api.js';
import { h, enumLabel, fmtDate, announce } from './dom.js';
import { commandForm, field, select, textarea, textInput, position } from './forms.js';

/** RequestedAction values, as the JSON API names them. */
const ACTIONS = ['REQUESTED_ACTION_MONITOR', 'REQUESTED_ACTION_INSPECT', 'REQUESTED_ACTION_HOLD'];

/** ResponseOutcome values, as the JSON API names them. */
const OUTCOMES = ['RESPONSE_OUTCOME_INSPECTED', 'RESPONSE_OUTCOME_SEIZED', 'RESPONSE_OUTCOME_RELEASED',
  'RESPONSE_OUTCOME_NO_SHOW', 'RESPONSE_OUTCOME_MONITORING'];

/**
 * alertActions returns the action block of an alert for the signed-in
 * principal me, or null when there is nothing to do. reload(position)
 * draws the page again once the view reflects that log position.
 */
export function alertActions(me, s, alert, recipients, reload) {
  if (me.agency) return null;
  const open = s.status === 'ITEM_STATUS_ACTIVE';
  if (s.originator === me.member) return open ? closeBlock(s, reload) : null;
  if (!s.addressed) {
    const to = (alert.addressedMembers || []).join(', ');
    return h('p', { class: 'notice', 'data-testid': 'not-addressed' },
      `This alert is addressed to ${to || 'other members'}; it is shared with you for information and asks no action of you.`);
  }
  const mine = recipients.find((r) => r.member === me.member) || {};
  if (!open) return mine.responded ? responded(mine) : null;
  if (!mine.responded) {
    return h('section', { class: 'card act', 'aria-labelledby': 'respond-h' },
      h('h2', { id: 'respond-h' }, 'Your response'),
      h('p', {}, `${s.originator} asks you to ${enumLabel(alert.requestedAction).toLowerCase() || 'act'}`,
        alert.responseDeadline ? ` by ${fmtDate(alert.responseDeadline)}` : '', `. ${s.originator} sees your response.`),
      respondForm(s, alert, reload, 'Send response'));
  }
  // A member may respond again (monitoring, then seized): the latest counts.
  return h('section', { class: 'card act' },
    responded(mine),
    h('details', { class: 'again' }, h('summary', { 'data-testid': 'respond-again' }, 'Send a further response'),
      respondForm(s, alert, reload, 'Send further response')));
}

function responded(r) {
  const resp = r.response || {};
  return h('p', { class: 'ok', 'data-testid': 'response-status', dataset: { outcome: resp.outcome || '' } },
    `You responded on ${fmtDate(r.respondedAt)}: ${enumLabel(resp.outcome) || 'responded'}`,
    enumLabel(resp.actionTaken) ? ` (action taken: ${enumLabel(resp.actionTaken).toLowerCase()})` : '', '.');
}

function respondForm(s, alert, reload, submitLabel) {
  const action = select('actionTaken', ACTIONS.map((v) => [v, enumLabel(v)]),
    { required: true, value: ACTIONS.includes(alert.requestedAction) ? alert.requestedAction : '' });
  const outcome = select('outcome', [['', 'Choose…']].concat(OUTCOMES.map((v) => [v, enumLabel(v)])), { required: true });
  const text = textarea('text', { required: true, rows: 4 });
  return commandForm({
    label: 'Respond to the alert',
    testid: 'respond',
    fields: [
      h('div', { class: 'row' }, field('Action taken', action), field('Outcome', outcome)),
      field('What you did and found', text, 'Required: where, when, what was found and what happens next.'),
    ],
    submitLabel,
    send: (v, requestId) => call('BrokeringService', 'RespondToAlert', {
      requestId, alertId: s.id, response: { actionTaken: v.actionTaken, outcome: v.outcome, text: v.text },
    }),
    done: async (res) => {
      announce('Response sent.');
      await reload(position(res));
    },
  });
}

function closeBlock(s, reload) {
  const reason = textInput('reason');
  return h('section', { class: 'card act', 'aria-labelledby': 'close-h' },
    h('h2', { id: 'close-h' }, 'Close the alert'),
    h('p', {}, 'Closing ends the alert: addressed members can no longer acknowledge or respond, and it cannot be reopened.'),
    commandForm({
      label: 'Close the alert',
      testid: 'close-alert',
      fields: field('Reason (optional)', reason),
      submitLabel: 'Close alert',
      send: (v, requestId) => call('BrokeringService', 'CloseAlert', { requestId, alertId: s.id, reason: v.reason }),
      done: async (res) => {
        announce('Alert closed.');
        await reload(position(res));
      },
    }));
}
