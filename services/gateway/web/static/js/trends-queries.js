// The dashboard's queries, in a module of their own so that the router can
// start them while the drawing code is still loading.
import { call } from './api.js';
import { itemFilter, pick } from './filters.js';

/** DEFAULT_BREAKDOWN is the breakdown figure's first dimension. */
export const DEFAULT_BREAKDOWN = 'TREND_DIMENSION_TRANSIT_COUNTRY';

/** periodOf returns the TrendPeriod the query asks for. */
function periodOf(query) {
  return 'TREND_PERIOD_' + (pick(query, 'period') || 'month').toUpperCase();
}

/** breakdownQuery asks for the counts of one dimension. */
export function breakdownQuery(query, dimension) {
  return call('TrendsService', 'GetTrends', { filter: itemFilter(query), dimension, period: periodOf(query), limit: 10 });
}

/**
 * trendsQueries starts every query of the dashboard for the URL query and
 * returns their promises; a rejection is handled by whoever draws it.
 */
export function trendsQueries(query, breakdown = DEFAULT_BREAKDOWN) {
  const filter = itemFilter(query);
  const period = periodOf(query);
  const trends = (dimension, limit) => call('TrendsService', 'GetTrends', { filter, dimension, period, limit });
  const out = {
    query: query.toString(),
    kind: trends('TREND_DIMENSION_KIND', 0),
    items: trends('TREND_DIMENSION_CONTROL_ITEM', 12),
    dest: trends('TREND_DIMENSION_DESTINATION', 12),
    network: call('TrendsService', 'PartyNetwork', { filter, limit: 40 }),
    breakdown: breakdownQuery(query, breakdown),
  };
  for (const p of Object.values(out)) if (p instanceof Promise) p.catch(() => {});
  return out;
}
