// Cost per request: money spent in a window / requests served in it (both integrals over the same
// window, never a ratio of instant rates), per 1 k or 1 M requests.
//
// Frames (the cost-per-request panel reads them; see README.md):
// - role 'cost': money per hour per component and instance type (labels component, instance_type);
// - role 'requests': requests in the step ending at each time (increase per step);
// - role 'costPerRequest': cost per N requests of each step (null where a step has too few requests);
// - role 'summary' (one row): the window's cost, requests, cost per N, status ('ok' or
//   'not_enough_traffic') and message, the same for the window before it, the projected monthly cost;
// - role 'pricing': per pricing model (on demand, reserved 1y / 3y, spot, the mix) the monthly cost
//   of the average fleet, the window's cost, cost per N requests and the saving against on demand.
// Edge cases: fewer than `minRequests` requests (default 100) in the window → status
// 'not_enough_traffic' and a warning, cost per request null — never a division by ~0; the previous
// window failing (older data missing) only leaves its fields empty, with a notice.
import { DataFrame } from '@grafana/data';
import { averageFleet, CumulativeCost, currentFleet, HOURS_PER_MONTH, mixLabel, projection, PricingModel, spanOf, UpfrontOption } from '../../../core/cost';
import { stepFor } from '../../../core/cost/prometheusSource';
import { PRICING_FIELDS, SERIES_FIELDS, SUMMARY_FIELDS } from '../../../core/cost/contract';
import { currencyUnit } from '../../../core/cost/units';
import { DEFAULT_MIN_REQUESTS, DEFAULT_PER_REQUESTS } from '../types';
import { loadInventory, QueryContext } from './context';
import { byComponentAndType, costMeta, QueryOutput, rateFrame } from './cost';
import { describeError, step } from './errors';
import { frame, info, numberField, stringField, timeField, warning } from './frames';
import { priceInventory } from './inventory';
import { requestSource, requestsInWindow, requestSteps } from './requests';

export function perLabel(per: number): string {
  return per === 1_000_000 ? '1M' : per === 1000 ? '1k' : String(per);
}

/** Cost per `per` requests, or NaN below `minRequests`. */
export function ratio(cost: number, requests: number, per: number, minRequests: number): number {
  return requests >= minRequests && requests > 0 && Number.isFinite(cost) ? (cost / requests) * per : NaN;
}

export function notEnoughTraffic(requests: number, minRequests: number): string {
  const n = Number.isInteger(requests) ? String(requests) : requests.toFixed(1);
  return `not enough traffic: ${n} requests in the range, at least ${minRequests} needed for a meaningful cost per request`;
}

export async function costPerRequestQuery(ctx: QueryContext): Promise<QueryOutput> {
  const per = ctx.target.perRequests && ctx.target.perRequests > 0 ? ctx.target.perRequests : DEFAULT_PER_REQUESTS;
  const minRequests = ctx.target.minRequests !== undefined && ctx.target.minRequests >= 0 ? ctx.target.minRequests : DEFAULT_MIN_REQUESTS;
  const w = ctx.window;
  const span = w.end - w.start;
  const src = requestSource(ctx.json, ctx.target.requestSelector, ctx.service, ctx.lookup);
  const [book, inv, steps, total] = await Promise.all([
    ctx.priceBook(),
    loadInventory(ctx),
    step('request counter', () => requestSteps(ctx.client, src, w.gridStart, w.gridEnd, w.stepMs, false, ctx.signal)),
    step('request counter', () => requestsInWindow(ctx.client, src, w.end, span, ctx.signal)),
  ]);
  const priced = priceInventory(inv, book.index, ctx.mix, w, ctx.unpriced);
  const result = priced.result;
  const currency = result.currency;
  const unit = currencyUnit(currency);
  const notices = [...priced.warnings, ...steps.warnings, ...total.warnings].map(warning);
  const pricing = mixLabel(ctx.mix);
  const executed = `${inv.spec.query}\n${steps.query}\n${total.query}`;

  // The window before: its own coarse inventory and request count; failing it leaves fields empty.
  let previous: { cost: number; requests: number } | null = null;
  try {
    const prevStep = stepFor({ start: w.start - span, end: w.start });
    const [prevInv, prevReq] = await Promise.all([
      loadInventory(ctx, Math.floor((w.start - span) / prevStep) * prevStep, Math.ceil(w.start / prevStep) * prevStep, prevStep),
      requestsInWindow(ctx.client, src, w.start, span, ctx.signal),
    ]);
    // Only a previous period with data from its start compares: one that holds the first hours of
    // the history would make any change against it (▲ 73 %) an artefact of the missing data.
    const covered = spanOf(prevInv.series);
    if (!covered) {
      notices.push(info('no inventory in the previous period: no change against it'));
    } else if (covered.start > w.start - span + prevStep) {
      notices.push(info(`the previous period has data only from ${new Date(covered.start).toISOString()}: no change against it`));
    } else {
      const p = priceInventory(prevInv, book.index, ctx.mix, { start: w.start - span, end: w.start }, 'skip');
      previous = { cost: p.result.total.cost, requests: prevReq.requests };
    }
  } catch (e) {
    notices.push(info(`previous period not available: ${describeError(e)}`));
  }

  const cost = result.total.cost;
  const hours = span / 3_600_000;
  const value = ratio(cost, total.requests, per, minRequests);
  const status = Number.isNaN(value) ? 'not_enough_traffic' : 'ok';
  const message = status === 'ok' ? '' : notEnoughTraffic(total.requests, minRequests);
  if (message) {
    notices.unshift(warning(message));
  }
  // The run rate: the fleet now (its last sample) x 730 h at the query's pricing, the same figure
  // as the projection's last point and as "hourly cost now x 730" (not the range's average: a range
  // that held a traffic spike or a quiet night would project that onto the whole month).
  const now = projection(currentFleet(priced.inventory, w.end), book.index, ctx.mix).rows;
  const runRate = now.find((r) => r.model === 'mix') ?? now.find((r) => r.model === 'on_demand');
  const projectedMonthly = runRate ? runRate.hourly * HOURS_PER_MONTH : NaN;

  const frames: DataFrame[] = [];
  // Cost per component and instance type, money per hour.
  const meta = costMeta(currency, w.stepMs, pricing);
  for (const g of byComponentAndType(result.series)) {
    frames.push(rateFrame(ctx.refId, `${g.component} ${g.type}`, g.rate.t, g.rate.rate, { component: g.component, instance_type: g.type }, meta, executed));
  }
  // Requests per step, one series (summed over the counter's series).
  const reqT = steps.series[0]?.t ?? new Float64Array(0);
  const reqV = steps.series[0]?.v ?? new Float64Array(0);
  frames.push(
    frame(ctx.refId, 'requests', [timeField(reqT, w.stepMs), numberField(SERIES_FIELDS.requests, reqV, { unit: 'short', displayNameFromDS: SERIES_FIELDS.requests })], {
      role: 'requests',
      requests: 'increase',
      stepMs: w.stepMs,
    })
  );
  // Cost per N requests of each step.
  const cum = new CumulativeCost(result.total);
  const cpr = new Float64Array(reqT.length);
  for (let i = 0; i < reqT.length; i++) {
    const c = cum.at(reqT[i]) - cum.at(reqT[i] - w.stepMs);
    cpr[i] = ratio(c, reqV[i], per, minRequests);
  }
  const cprName = `cost per ${perLabel(per)} requests`;
  frames.push(
    frame(ctx.refId, cprName, [timeField(reqT, w.stepMs), numberField(cprName, cpr, { unit, displayNameFromDS: cprName })], {
      role: 'costPerRequest',
      currency,
      perRequests: per,
      stepMs: w.stepMs,
      pricing,
    })
  );
  // The window's numbers.
  const prevValue = previous ? ratio(previous.cost, previous.requests, per, minRequests) : NaN;
  frames.push(
    frame(
      ctx.refId,
      'summary',
      [
        numberField(SUMMARY_FIELDS.cost, [cost], { unit }),
        numberField(SUMMARY_FIELDS.requests, [total.requests], { unit: 'short' }),
        numberField(SUMMARY_FIELDS.value, [value], { unit, displayNameFromDS: cprName }),
        stringField(SUMMARY_FIELDS.status, [status]),
        stringField(SUMMARY_FIELDS.message, [message]),
        numberField(SUMMARY_FIELDS.previousCost, [previous?.cost ?? NaN], { unit }),
        numberField(SUMMARY_FIELDS.previousRequests, [previous?.requests ?? NaN], { unit: 'short' }),
        numberField(SUMMARY_FIELDS.previousValue, [prevValue], { unit }),
        numberField(SUMMARY_FIELDS.projectedMonthly, [projectedMonthly], { unit }),
        numberField(SUMMARY_FIELDS.hours, [hours], { unit: 'h' }),
      ],
      { role: 'summary', currency, perRequests: per, pricing },
      notices
    )
  );
  frames.push(pricingFrame(ctx, priced.inventory, book.index, total.requests, per, minRequests, hours));
  return { frames };
}

/**
 * One row per pricing model: the monthly figures for the fleet now (as the summary's projected
 * monthly cost), the window's cost and cost per request for the window's average fleet.
 */
function pricingFrame(
  ctx: QueryContext,
  inventory: Parameters<typeof averageFleet>[0],
  index: Parameters<typeof projection>[1],
  requests: number,
  per: number,
  minRequests: number,
  hours: number
): DataFrame {
  const proj = projection(currentFleet(inventory, ctx.window.end), index, ctx.mix);
  const average = projection(averageFleet(inventory, { start: ctx.window.start, end: ctx.window.end }), index, ctx.mix);
  const upfront: UpfrontOption = ctx.mix.upfront ?? 'no';
  const wanted: Array<{ model: PricingModel | 'mix'; upfront?: UpfrontOption }> = [
    { model: 'on_demand' },
    { model: 'reserved_1y', upfront },
    { model: 'reserved_3y', upfront },
    { model: 'spot' },
    { model: 'mix' },
  ];
  const rows = wanted.map((w) => proj.rows.find((r) => r.model === w.model && (w.upfront === undefined || r.upfront === w.upfront))).filter((r): r is (typeof proj.rows)[number] => !!r);
  const unit = currencyUnit(proj.currency);
  const windowCost = rows.map((r) => (average.rows.find((a) => a.model === r.model && a.upfront === r.upfront)?.hourly ?? NaN) * hours);
  return frame(
    ctx.refId,
    'pricing',
    [
      stringField(PRICING_FIELDS.key, rows.map((r) => r.model)),
      stringField(PRICING_FIELDS.model, rows.map((r) => r.label)),
      numberField(PRICING_FIELDS.monthly, rows.map((r) => r.monthly), { unit }),
      numberField(PRICING_FIELDS.windowCost, windowCost, { unit }),
      numberField(PRICING_FIELDS.value, windowCost.map((c) => ratio(c, requests, per, minRequests)), { unit }),
      numberField(PRICING_FIELDS.savedMonthly, rows.map((r) => r.savedMonthly), { unit }),
      numberField(PRICING_FIELDS.savedPercent, rows.map((r) => r.savedPercent), { unit: 'percent', decimals: 1 }),
      stringField(PRICING_FIELDS.notes, rows.map((r) => r.notes.join('; '))),
    ],
    { role: 'pricing', currency: proj.currency, perRequests: per, pricing: mixLabel(ctx.mix) }
  );
}

