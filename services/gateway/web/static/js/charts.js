// Charts drawn as inline SVG: a time series, horizontal bars and a party
// network. Each mark carries data-* attributes with its values, so tests
// and scripts can read what is drawn. Colours come from the stylesheet.
import { h, svg, fmtNumber } from './dom.js';

function niceStep(max, ticks) {
  const raw = Math.max(max / ticks, 1);
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return Math.max(1, (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p);
}

function truncate(s, n) {
  s = String(s || '');
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** seriesClass names the colour class of a series: the kinds have their own. */
function seriesClass(key, i) {
  return ['denial', 'procurement', 'alert'].includes(key) ? `c-${key}` : `c${i % 8}`;
}

/** dataTable is a visually hidden table of a chart's data, for screen readers. */
export function dataTable(caption, headers, rows) {
  return h('div', { class: 'sr-only' }, h('table', {}, h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c))))))));
}

/**
 * lineChart draws one line per series over periods.
 * series: [{key, label, points: [{period, count}]}], counts as numbers.
 */
export function lineChart({ periods, series, label, width = 720 }) {
  const W = Math.max(320, Math.round(width));
  const H = 260;
  const m = { l: 44, r: 28, t: 14, b: 34 };
  const iw = W - m.l - m.r;
  const ih = H - m.t - m.b;
  const max = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.count)));
  const step = niceStep(max, 4);
  const top = Math.ceil(max / step) * step;
  const x = (i) => m.l + (periods.length <= 1 ? iw / 2 : (i * iw) / (periods.length - 1));
  const y = (v) => m.t + ih - (v / top) * ih;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart line-chart', role: 'img', 'aria-label': label });
  for (let v = 0; v <= top; v += step) {
    root.append(svg('line', { class: 'grid', x1: m.l, x2: W - m.r, y1: y(v), y2: y(v) }),
      svg('text', { class: 'tick', x: m.l - 6, y: y(v) + 4, 'text-anchor': 'end' }, fmtNumber(v)));
  }
  const every = Math.max(1, Math.ceil(periods.length / Math.floor(iw / 64)));
  const last = periods.length - 1;
  periods.forEach((p, i) => {
    const show = i === last || (i % every === 0 && (last - i) >= every);
    if (show) root.append(svg('text', { class: 'tick', x: x(i), y: H - m.b + 18, 'text-anchor': 'middle' }, p));
  });
  series.forEach((s, si) => {
    const cls = seriesClass(s.key, si);
    const byPeriod = new Map(s.points.map((p) => [p.period, p.count]));
    const pts = periods.map((p, i) => [x(i), y(byPeriod.get(p) || 0)]);
    const g = svg('g', { class: `series ${cls}`, 'data-series': s.key, 'data-label': s.label });
    if (pts.length > 1) {
      g.append(svg('path', { class: 'line', d: 'M' + pts.map((q) => q.map((n) => n.toFixed(1)).join(',')).join('L') }));
    }
    periods.forEach((p, i) => {
      const c = byPeriod.get(p) || 0;
      g.append(svg('circle', { class: 'point', cx: pts[i][0].toFixed(1), cy: pts[i][1].toFixed(1), r: 3.5,
        'data-series': s.key, 'data-period': p, 'data-count': c, tabindex: -1 },
      svg('title', {}, `${s.label}, ${p}: ${fmtNumber(c)}`)));
    });
    root.append(g);
  });
  return root;
}

/** legend lists the series with their colours and, when given, their totals. */
export function legend(series, totals) {
  return h('ul', { class: 'legend' }, series.map((s, i) => {
    const n = totals ? totals.get(s.key) : undefined;
    return h('li', { 'data-series': s.key, 'data-count': n },
      h('span', { class: `swatch ${seriesClass(s.key, i)}`, 'aria-hidden': 'true' }), s.label,
      n === undefined ? null : h('strong', { class: 'legend-count' }, fmtNumber(n)));
  }));
}

/**
 * barChart draws horizontal bars, largest first as given.
 * items: [{key, label, count}], counts as numbers.
 */
export function barChart({ items, label, colour = 'c0', width = 420 }) {
  const W = Math.max(280, Math.round(width));
  const row = 24;
  const lw = Math.min(180, Math.round(W * 0.42));
  const H = items.length * row + 6;
  const max = Math.max(1, ...items.map((d) => d.count));
  const scale = (W - lw - 40) / max;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart bar-chart', role: 'img', 'aria-label': label });
  items.forEach((d, i) => {
    const yy = i * row + 4;
    const w = Math.max(d.count > 0 ? 2 : 0, d.count * scale);
    const cls = d.key === 'other' ? 'bar bar-other' : `bar ${colour}`;
    root.append(svg('g', { class: 'bar-row', 'data-key': d.key, 'data-count': d.count },
      svg('text', { class: 'bar-label', x: lw - 8, y: yy + 13, 'text-anchor': 'end' }, truncate(d.label || d.key, Math.floor(lw / 7.4)),
        svg('title', {}, d.label || d.key)),
      svg('rect', { class: cls, x: lw, y: yy, width: w.toFixed(1), height: 17, rx: 3, 'data-key': d.key, 'data-label': d.label, 'data-count': d.count },
        svg('title', {}, `${d.label || d.key}: ${fmtNumber(d.count)}`)),
      svg('text', { class: 'bar-value', x: lw + w + 6, y: yy + 13 }, fmtNumber(d.count))));
  });
  return root;
}

/**
 * simulation is a deterministic force-directed layout (Fruchterman-Reingold,
 * edges pulling by weight) on typed arrays. step runs iterations;
 * positions scales the current layout to fill W x H within margins.
 */
function simulation(nodes, edges) {
  const n = nodes.length;
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const maxW = Math.max(1, ...edges.map((e) => e.weight));
  const la = [];
  const lb = [];
  const lw = [];
  for (const e of edges) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a !== undefined && b !== undefined) { la.push(a); lb.push(b); lw.push((e.weight / maxW) ** 2); }
  }
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = Math.cos((2 * Math.PI * i) / n);
    y[i] = Math.sin((2 * Math.PI * i) / n);
  }
  const k2 = 2 / Math.max(n, 1);
  const k = Math.sqrt(k2);
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let t = 0.12;
  let done = 0;
  const total = 60;
  function iterate() {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const ex = x[i] - x[j];
        const ey = y[i] - y[j];
        const f = k2 / Math.max(ex * ex + ey * ey, 1e-6);
        dx[i] += ex * f; dy[i] += ey * f;
        dx[j] -= ex * f; dy[j] -= ey * f;
      }
    }
    for (let e = 0; e < la.length; e++) {
      const a = la[e];
      const b = lb[e];
      const ex = x[a] - x[b];
      const ey = y[a] - y[b];
      const f = (Math.sqrt(ex * ex + ey * ey) * lw[e]) / k;
      dx[a] -= ex * f; dy[a] -= ey * f;
      dx[b] += ex * f; dy[b] += ey * f;
    }
    for (let i = 0; i < n; i++) {
      const fx = dx[i] - x[i] * 0.5;
      const fy = dy[i] - y[i] * 0.5;
      const d = Math.max(Math.sqrt(fx * fx + fy * fy), 1e-9);
      const s = Math.min(d, t) / d;
      x[i] += fx * s;
      y[i] += fy * s;
    }
    t *= 0.93;
  }
  return {
    /** step runs up to count more iterations; it returns false once settled. */
    step(count) {
      for (let c = 0; c < count && done < total; c++, done++) iterate();
      return done < total;
    },
    positions(W, H, margin) {
      let x0 = Infinity; let x1 = -Infinity; let y0 = Infinity; let y1 = -Infinity;
      for (let i = 0; i < n; i++) {
        x0 = Math.min(x0, x[i]); x1 = Math.max(x1, x[i]);
        y0 = Math.min(y0, y[i]); y1 = Math.max(y1, y[i]);
      }
      const sx = (W - 2 * margin.x) / Math.max(x1 - x0, 1e-6);
      const sy = (H - 2 * margin.y) / Math.max(y1 - y0, 1e-6);
      return Array.from({ length: n }, (_, i) => ({ x: margin.x + (x[i] - x0) * sx, y: margin.y + (y[i] - y0) * sy }));
    },
  };
}

/**
 * networkChart draws parties (nodes, sized by their items) linked when
 * they appear in the same items (edges, thicker for more). It draws at
 * once with the nodes on a circle, then lets the force-directed layout
 * settle over the next frames (at once when the user prefers reduced
 * motion), so that the first render never waits for the simulation.
 */
export function networkChart({ nodes, edges, label, width = 720 }) {
  const W = Math.max(320, Math.round(width));
  const H = 440;
  const margin = { x: Math.min(150, W * 0.2), y: 28 };
  const sim = simulation(nodes, edges);
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const maxW = Math.max(1, ...edges.map((e) => e.weight));
  const labelled = new Set([...nodes].sort((a, b) => b.items - a.items).slice(0, 10).map((d) => d.id));
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart network-chart', role: 'img', 'aria-label': label });
  const eg = svg('g', { class: 'edges' });
  const lines = [];
  for (const e of edges) {
    const a = index.get(e.from);
    const b = index.get(e.to);
    if (a === undefined || b === undefined) continue;
    const line = svg('line', { class: 'edge', 'stroke-width': (0.6 + (3 * e.weight) / maxW).toFixed(1),
      'stroke-opacity': (0.25 + (0.6 * e.weight) / maxW).toFixed(2), 'data-from': e.from, 'data-to': e.to, 'data-weight': e.weight });
    lines.push([line, a, b]);
    eg.append(line);
  }
  root.append(eg);
  const groups = nodes.map((d) => {
    const r = 4 + 2.2 * Math.sqrt(d.items);
    const g = svg('g', { class: 'node', tabindex: 0, 'data-node-id': d.id, 'data-items': d.items },
      svg('circle', { r: r.toFixed(1) }),
      svg('title', {}, `${d.name}${d.country ? ` (${d.country})` : ''}: ${fmtNumber(d.items)} item${d.items === 1 ? '' : 's'}`));
    const text = labelled.has(d.id) ? svg('text', { 'aria-hidden': 'true' }, truncate(d.name, 28)) : null;
    root.append(g);
    return { g, r, text };
  });
  // Labels go in a layer above every node.
  root.append(svg('g', { class: 'labels' }, groups.map((gr) => gr.text).filter(Boolean)));
  const byItems = groups.map((_, i) => i).sort((a, b) => nodes[b].items - nodes[a].items);
  const place = () => {
    const pos = sim.positions(W, H, margin);
    groups.forEach(({ g }, i) => g.setAttribute('transform', `translate(${pos[i].x.toFixed(1)},${pos[i].y.toFixed(1)})`));
    // Labels, most important first, on the side away from the centre, or
    // the other side, or hidden when both would overlap a placed label.
    const placed = [];
    for (const i of byItems) {
      const { r, text } = groups[i];
      if (!text) continue;
      const w = text.textContent.length * 6.2;
      const sides = pos[i].x < W / 2 ? [-1, 1] : [1, -1];
      const fits = (side) => {
        const x0 = side > 0 ? pos[i].x + r + 4 : pos[i].x - r - 4 - w;
        const box = [x0, pos[i].y - 8, x0 + w, pos[i].y + 6];
        return placed.some((o) => box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3]) ? null : box;
      };
      const side = sides.find((sd) => fits(sd));
      text.setAttribute('visibility', side ? 'visible' : 'hidden');
      if (!side) continue;
      placed.push(fits(side));
      text.setAttribute('x', (pos[i].x + (side > 0 ? r + 4 : -r - 4)).toFixed(1));
      text.setAttribute('y', (pos[i].y + 4).toFixed(1));
      text.setAttribute('text-anchor', side > 0 ? 'start' : 'end');
    }
    for (const [line, a, b] of lines) {
      line.setAttribute('x1', pos[a].x.toFixed(1));
      line.setAttribute('y1', pos[a].y.toFixed(1));
      line.setAttribute('x2', pos[b].x.toFixed(1));
      line.setAttribute('y2', pos[b].y.toFixed(1));
    }
  };
  place();
  const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const frame = () => {
    if (!root.isConnected && root.dataset.started) return; // replaced by a newer chart
    root.dataset.started = 'true';
    const more = sim.step(still ? 60 : 6);
    place();
    if (more) requestAnimationFrame(frame);
    else root.dataset.settled = 'true';
  };
  requestAnimationFrame(frame);
  return root;
}
