// Command forms: labelled fields, a submit button and the server's answer
// shown next to them. Each command carries a fresh request id; only a
// retry after an uncertain failure (no answer, a timeout) sends the same
// one again, so that the command is applied at most once.
import { commandErrorText, errorText, newRequestId, settled } from './api.js';
import { h } from './dom.js';

/** The longest free text the services accept, in bytes. */
const MAX_TEXT = 8192;

let uid = 0;

function newId(name) {
  uid += 1;
  return `cf-${name}-${uid}`;
}

/** field wraps a control with its label and, optionally, a hint. */
export function field(label, control, hint) {
  const hintEl = hint ? h('p', { class: 'hint', id: control.id + '-hint' }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

/** select builds a select of [value, label] options; value '' is a placeholder. */
export function select(name, options, { required = false, value = '' } = {}) {
  return h('select', { id: newId(name), name, required },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
}

/** textarea builds a multi-line text control. */
export function textarea(name, { required = false, rows = 3 } = {}) {
  return h('textarea', { id: newId(name), name, required, rows, maxlength: MAX_TEXT });
}

/** textInput builds a single-line text control. */
export function textInput(name, { required = false } = {}) {
  return h('input', { id: newId(name), name, type: 'text', required, maxlength: MAX_TEXT, autocomplete: 'off' });
}

/** radios builds a group of radio buttons with its legend. */
export function radios(legend, name, options, { required = false } = {}) {
  return h('fieldset', { class: 'radios' }, h('legend', {}, legend),
    options.map(([v, text]) => {
      const id = newId(name);
      return h('span', { class: 'radio' }, h('input', { type: 'radio', id, name, value: v, required }), h('label', { for: id }, text));
    }));
}

/**
 * commandForm builds a form that, on submit, runs send(values, requestId)
 * and then done(response). values holds every named control's value,
 * trimmed. A refusal shows the server's message in the form, which stays
 * as filled in; while a command runs the button is disabled.
 */
export function commandForm({ label, testid, fields, submitLabel, send, done, extra }) {
  const out = h('p', { class: 'error', role: 'alert', hidden: true, 'data-testid': testid + '-error' });
  const button = h('button', { type: 'submit', 'data-testid': testid + '-submit' }, submitLabel);
  const form = h('form', { class: 'command', 'aria-label': label, 'data-testid': testid },
    fields, h('div', { class: 'field actions' }, button, extra), out);
  let requestId = newRequestId();
  const fail = (text, again) => {
    out.textContent = text;
    out.hidden = false;
    button.disabled = !again;
    form.removeAttribute('aria-busy');
  };
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (button.disabled || !form.reportValidity()) return;
    const values = {};
    for (const [k, v] of new FormData(form)) values[k] = String(v).trim();
    out.hidden = true;
    button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    let res;
    try {
      res = await send(values, requestId);
    } catch (err) {
      if (settled(err)) requestId = newRequestId();
      fail(commandErrorText(err), true);
      return;
    }
    requestId = newRequestId();
    try {
      await done(res);
    } catch (err) {
      // The command took effect: sending it again would be a second one.
      fail(`Done, but the page could not be refreshed; reload it. ${errorText(err)}`, false);
    }
  });
  return form;
}

/** position is the log position a command's response reports. */
export function position(res) {
  return String((res && res.result && res.result.position) || 0);
}
