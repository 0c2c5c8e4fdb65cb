// The trends dashboard: counts over everything the caller may see, as a
// time series, bars by kind, control item and destination, the party
// network and the recurring parties. Every figure comes from the
// TrendsService for the caller; filters re-query in place.
import { Code, errorText } from './api.js';
import { h, fmtNumber, num, message, announce } from './dom.js';
import { filterForm, pick, canonicalQuery } from './filters.js';
import { lineChart, legend, barChart, networkChart, dataTable } from './charts.js';
import { trendsQueries, breakdownQuery, DEFAULT_BREAKDOWN } from './trends-queries.js';

const FIELDS = ['period', 'kind', 'country', 'code', 'from', 'to'];
const PERIOD_WORD = { month: 'month', quarter: 'quarter', year: 'year' };

function figure(name, title, wide) {
  const body = h('div', { class: 'figure-body' }, h('p', { class: 'loading' }, 'Loading…'));
  const el = h('figure', { class: wide ? `card ${wide === true ? 'wide' : wide}` : 'card', 'data-chart': name, 'data-state': 'loading' },
    h('figcaption', {}, h('h2', {}, title)), body);
  return {
    el,
    /** width is the drawing width in CSS pixels, so chart text keeps its size. */
    width() {
      return body.clientWidth || 400;
    },
    draw(...children) {
      body.replaceChildren(...children);
      el.dataset.state = 'ready';
    },
    fail(e) {
      const text = e.code === Code.UNIMPLEMENTED ? 'Trends are not available on this server yet.' : errorText(e);
      body.replaceChildren(message(e.code === Code.UNIMPLEMENTED ? 'notice' : 'error', text));
      el.dataset.state = 'error';
    },
  };
}

function counts(list) {
  return (list || []).map((c) => ({ key: c.key, label: c.label || c.key, count: num(c.count) }));
}

const EMPTY = () => message('notice', 'No items match these filters.', 'empty');

function drawSeries(fig, res, period) {
  const series = (res.series || []).map((s) => ({ key: s.key, label: s.label || s.key,
    points: (s.points || []).map((p) => ({ period: p.period, count: num(p.count) })) }));
  const periods = res.periods || [];
  if (periods.length === 0) return fig.draw(EMPTY());
  const label = `Items per ${PERIOD_WORD[period]} by kind`;
  const totals = new Map(counts(res.totals).map((c) => [c.key, c.count]));
  fig.draw(lineChart({ periods, series, label, width: fig.width() }), legend(series, totals),
    dataTable(label, ['Period', ...series.map((s) => s.label)],
      periods.map((p) => [p, ...series.map((s) => fmtNumber((s.points.find((q) => q.period === p) || {}).count))])));
}

function drawBars(fig, res, label, colour, empty) {
  const items = counts(res.totals).map((d) => (/^\d+$/.test(d.key) && !d.label.startsWith(d.key) ? { ...d, label: `${d.key} · ${d.label}` } : d));
  if (items.length === 0) return fig.draw(empty ? message('notice', empty, 'empty') : EMPTY());
  fig.draw(barChart({ items, label, colour, width: fig.width() }), dataTable(label, ['Group', 'Items'], items.map((d) => [d.label, fmtNumber(d.count)])));
}

function drawNetwork(fig, res) {
  const nodes = (res.nodes || []).map((n) => ({ id: n.id, name: n.name, country: n.country, items: num(n.items) }));
  const edges = (res.edges || []).map((e) => ({ from: e.from, to: e.to, weight: num(e.weight) }));
  if (nodes.length === 0) return fig.draw(message('notice', 'No parties in the matching items.', 'empty'));
  const label = `${nodes.length} parties, ${edges.length} links between parties named in the same items`;
  fig.draw(networkChart({ nodes, edges, label, width: fig.width() }), h('p', { class: 'caption' }, label),
    dataTable('Links between parties', ['Party', 'Linked with', 'Shared items'],
      edges.map((e) => [nodes.find((n) => n.id === e.from)?.name || e.from, nodes.find((n) => n.id === e.to)?.name || e.to, fmtNumber(e.weight)])));
}

/** drawParties lists the network's parties that recur in most items. */
function drawParties(fig, res) {
  const parties = (res.nodes || []).map((n) => ({ name: n.name, country: n.country, count: num(n.items) }))
    .filter((p) => p.count > 1).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, 10);
  if (parties.length === 0) return fig.draw(message('notice', 'No party appears in more than one item.', 'empty'));
  fig.draw(h('table', { class: 'small parties' },
    h('thead', {}, h('tr', {}, ['Party', 'Country', 'Items'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, parties.map((p) => h('tr', { dataset: { party: p.name, count: p.count } },
      h('td', {}, p.name), h('td', {}, p.country || ''), h('td', { class: 'num' }, fmtNumber(p.count)))))));
}

/** The dimensions the breakdown figure offers. */
const BREAKDOWNS = [
  ['TREND_DIMENSION_TRANSIT_COUNTRY', 'Transit country'],
  ['TREND_DIMENSION_PORT', 'Port'],
  ['TREND_DIMENSION_RED_FLAG', 'Red flag'],
  ['TREND_DIMENSION_CATEGORY', 'MTCR category'],
  ['TREND_DIMENSION_ORIGINATOR', 'Originating member'],
];

/** trendsPage draws the dashboard and re-queries when a filter changes. */
export async function trendsPage(ctx) {
  ctx.setTitle('Trends');
  const total = h('p', { class: 'total', 'data-testid': 'total-items', 'aria-live': 'polite' });
  const notice = h('div');
  const figs = {
    series: figure('series', 'Items over time, by kind', true),
    items: figure('control-items', 'By control item (MTCR Annex)'),
    dest: figure('destinations', 'By destination country'),
    breakdown: figure('breakdown', 'Breakdown by'),
    network: figure('network', 'Party network', 'span2'),
    parties: figure('parties', 'Recurring parties'),
  };
  const breakdownSelect = h('select', { id: 'f-breakdown', 'aria-label': 'Break down by' },
    BREAKDOWNS.map(([v, t]) => h('option', { value: v, selected: v === DEFAULT_BREAKDOWN }, t)));
  figs.breakdown.el.querySelector('figcaption').append(breakdownSelect);
  const root = h('div', { class: 'dashboard', 'data-testid': 'dashboard', 'data-state': 'loading' },
    total, notice, h('div', { class: 'grid' }, Object.values(figs).map((f) => f.el)));
  let gen = 0;
  let first = true;
  let current = ctx.query;

  /** drawBreakdown draws the chosen dimension from its answer. */
  function drawBreakdown(promise, my) {
    const dim = breakdownSelect.value;
    const name = BREAKDOWNS.find(([v]) => v === dim)[1];
    figs.breakdown.el.dataset.dimension = dim;
    return promise.then(
      (res) => {
        if (my !== gen || breakdownSelect.value !== dim) return;
        drawBars(figs.breakdown, res, `Items by ${name.toLowerCase()}`, 'c3',
          num(res.totalItems) > 0 ? `No ${name.toLowerCase()} among the ${fmtNumber(res.totalItems)} matching items.` : '');
        figs.breakdown.el.dataset.drawn = dim;
      },
      (e) => my === gen && figs.breakdown.fail(e));
  }
  breakdownSelect.addEventListener('change', () => drawBreakdown(breakdownQuery(current, breakdownSelect.value), gen));

  /** refresh draws the answers to query: q holds them when already started. */
  async function refresh(query, started) {
    const my = ++gen;
    root.dataset.state = 'loading';
    const q = started && started.query === query.toString() ? started : trendsQueries(query, breakdownSelect.value);
    const period = pick(query, 'period') || 'month';
    let unimplemented = false;
    const job = (promise, draw, ...figsOf) => promise.then((res) => my === gen && draw(res), (e) => {
      if (my !== gen) return;
      if (e.code === Code.UNIMPLEMENTED) unimplemented = true;
      figsOf.forEach((f) => f.fail(e));
    });
    await Promise.all([
      job(q.kind, (res) => {
        drawSeries(figs.series, res, period);
        total.replaceChildren(h('strong', {}, fmtNumber(res.totalItems)), ` item${num(res.totalItems) === 1 ? '' : 's'} match`);
        total.dataset.count = String(num(res.totalItems));
      }, figs.series),
      job(q.items, (res) => drawBars(figs.items, res, 'Items by MTCR Annex item', 'c1'), figs.items),
      job(q.dest, (res) => drawBars(figs.dest, res, 'Items by destination country', 'c2'), figs.dest),
      job(q.network, (res) => {
        drawNetwork(figs.network, res);
        drawParties(figs.parties, res);
      }, figs.network, figs.parties),
      drawBreakdown(q.breakdown, my),
    ]);
    if (my !== gen) return;
    notice.replaceChildren(unimplemented ? message('notice', 'Trends are not available on this server yet; the figures will appear once it provides them.', 'unavailable') : '');
    root.dataset.query = canonicalQuery(query, FIELDS);
    root.dataset.state = 'ready';
    if (first) {
      first = false;
      root.dataset.firstRenderMs = String(Math.round(performance.now()));
      performance.mark('vigil:dashboard-ready');
    } else {
      announce('Dashboard updated.');
    }
  }

  const form = filterForm({
    query: ctx.query,
    fields: FIELDS,
    live: true,
    label: 'Dashboard filters',
    onApply: (qs) => {
      ctx.setQuery(qs, { push: false });
      current = new URLSearchParams(qs);
      refresh(current);
    },
  });
  ctx.show(h('h1', { tabindex: -1 }, 'Trends'),
    h('p', { class: 'intro' }, 'Patterns across everything shared with you and everything you shared: which items are sought, where they go, and who keeps appearing.'),
    form, root);
  await refresh(ctx.query, ctx.prefetched);
}
