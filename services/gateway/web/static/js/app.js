// The web interface's router: one HTML shell, pages drawn by modules that
// call the JSON API. Links within the site change the page without a
// reload; the URL (path and query) always names what is shown.
// Pages load on first use; the shell's modulepreload links fetch them in
// parallel with this module. The dashboard's queries start before its
// drawing code is evaluated.
import { h, message } from './dom.js';
import { errorText } from './api.js';
import { trendsQueries } from './trends-queries.js';

const inbox = () => import('./lists.js').then((m) => m.inboxPage);

const ROUTES = [
  [/^\/$/, inbox, 'inbox'],
  [/^\/inbox$/, inbox, 'inbox'],
  [/^\/own$/, () => import('./lists.js').then((m) => m.ownPage), 'own'],
  [/^\/consultations$/, () => import('./consultations.js').then((m) => m.consultationsPage), 'consultations'],
  [/^\/trends$/, () => import('./trends.js').then((m) => m.trendsPage), 'trends', trendsQueries],
  [/^\/items\/([^/]+)$/, () => import('./item.js').then((m) => m.itemPage), 'inbox'],
];

function notFoundPage(ctx) {
  ctx.setTitle('Page not found');
  ctx.show(h('div', { class: 'not-found', 'data-testid': 'not-found' },
    h('h1', { tabindex: -1 }, 'Page not found'),
    h('p', {}, 'There is no page at this address.'),
    h('p', {}, h('a', { href: '/inbox' }, 'Go to the inbox'))));
}

function match(pathname) {
  for (const [re, load, nav, prefetch] of ROUTES) {
    const m = pathname.match(re);
    if (m) return { load, nav, prefetch, params: m.slice(1).map(decodeURIComponent) };
  }
  return { load: async () => notFoundPage, nav: '', params: [] };
}

let seq = 0;

async function render(focus) {
  const my = ++seq;
  const url = new URL(location.href);
  const main = document.getElementById('main');
  const { load, nav, prefetch, params } = match(url.pathname);
  const prefetched = prefetch ? prefetch(url.searchParams) : undefined;
  for (const a of document.querySelectorAll('nav a[data-nav]')) {
    if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const stale = () => my !== seq;
  const ctx = {
    params,
    prefetched,
    query: url.searchParams,
    stale,
    setTitle: (t) => { if (!stale()) document.title = `${t} · Vigil`; },
    show: (...children) => {
      if (stale()) return;
      main.replaceChildren(...children.flat());
      if (focus) {
        const h1 = main.querySelector('h1');
        if (h1) h1.focus({ preventScroll: false });
      }
    },
    setQuery: (qs, { push }) => {
      if (stale()) return;
      const next = url.pathname + (qs ? '?' + qs : '');
      if (push) history.pushState(null, '', next);
      else history.replaceState(null, '', next);
    },
  };
  try {
    const page = await load();
    await page(ctx);
  } catch (e) {
    if (!stale()) main.replaceChildren(h('h1', { tabindex: -1 }, 'Something went wrong'), message('error', errorText(e)));
  }
}

/** navigate shows the page at path (with query) and records it in the history. */
function navigate(path) {
  history.pushState(null, '', path);
  window.scrollTo(0, 0);
  render(true);
}

function routable(url) {
  return url.origin === location.origin && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/static/') &&
    !url.pathname.startsWith('/signin') && !url.pathname.startsWith('/signout');
}

document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.target.closest('a[href]');
  if (!a || a.target || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (!routable(url) || (url.hash && url.pathname === location.pathname && url.search === location.search)) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
});

window.addEventListener('popstate', () => render(true));

render(false);
