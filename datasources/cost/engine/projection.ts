// Projection and savings of the fleet per pricing model.
//
// projection, time series: for each model (on demand, reserved 1y and 3y with the mix's upfront
// option, spot, and the mix when it has shares) the monthly (× 730 h) or yearly (× 8760 h) run rate
// of the fleet at each time — what the bill would be if the fleet stayed as it was then.
// projection, table / savings: every model and upfront option for the fleet now (its last sample), with
// what each saves against on demand (core/cost projection), and for savings the mix's what-if per
// component. Types a model doesn't sell (no spot for RDS) stay on demand in that row, with a note.
import { DataFrame } from '@grafana/data';
import { costSeries, currentFleet, HOURS_PER_MONTH, HOURS_PER_YEAR, Mix, mixLabel, PricingModel, projection, savings } from '../../../core/cost';
import { currencyUnit } from '../../../core/cost/units';
import { loadInventory, QueryContext } from './context';
import { QueryOutput } from './cost';
import { frame, numberField, stringField, timeField, warning } from './frames';
import { priceInventory } from './inventory';

export function modelMixes(mix: Mix): Array<{ key: PricingModel | 'mix'; label: string; mix: Mix }> {
  const upfront = mix.upfront ?? 'no';
  const out: Array<{ key: PricingModel | 'mix'; label: string; mix: Mix }> = [
    { key: 'on_demand', label: 'on demand', mix: {} },
    { key: 'reserved_1y', label: `reserved 1y ${upfront} upfront`, mix: { reserved_1y: 1, upfront } },
    { key: 'reserved_3y', label: `reserved 3y ${upfront} upfront`, mix: { reserved_3y: 1, upfront } },
    { key: 'spot', label: 'spot (where sold)', mix: { spot: 1 } },
  ];
  if (mix.reserved_1y || mix.reserved_3y || mix.spot) {
    out.push({ key: 'mix', label: mixLabel(mix), mix });
  }
  return out;
}

export async function projectionQuery(ctx: QueryContext): Promise<QueryOutput> {
  if (ctx.target.format === 'table') {
    return savingsQuery(ctx, false);
  }
  const period = ctx.target.period === 'year' ? 'year' : 'month';
  const hours = period === 'year' ? HOURS_PER_YEAR : HOURS_PER_MONTH;
  const [book, inv] = await Promise.all([ctx.priceBook(), loadInventory(ctx)]);
  const priced = priceInventory(inv, book.index, ctx.mix, ctx.window, ctx.unpriced);
  const currency = priced.result.currency;
  const unit = currencyUnit(currency);
  const notices = new Set(priced.warnings);
  const frames = modelMixes(ctx.mix).map((m) => {
    const r = m.key === 'mix' ? priced.result : costSeries(priced.inventory, book.book, m.mix, { window: ctx.window });
    for (const w of r.warnings) {
      notices.add(`${w.subject}: ${w.message}`);
    }
    const values = new Float64Array(r.total.rate.length);
    for (let i = 0; i < values.length; i++) {
      values[i] = r.total.rate[i] * hours;
    }
    const name = `${m.label} per ${period}`;
    return frame(
      ctx.refId,
      name,
      [timeField(r.total.t, ctx.window.stepMs), numberField(`cost per ${period}`, values, { unit, displayNameFromDS: name }, { pricing_model: m.key })],
      { role: 'projection', currency, per: period, stepMs: ctx.window.stepMs, pricing: m.label },
      [],
      inv.spec.query
    );
  });
  if (frames.length && notices.size) {
    frames[0].meta = { ...frames[0].meta, notices: [...notices].map(warning) };
  }
  return { frames };
}

export async function savingsQuery(ctx: QueryContext, withWhatIf = true): Promise<QueryOutput> {
  const [book, inv] = await Promise.all([ctx.priceBook(), loadInventory(ctx)]);
  const priced = priceInventory(inv, book.index, ctx.mix, ctx.window, ctx.unpriced);
  const fleet = currentFleet(priced.inventory, ctx.window.end);
  const proj = projection(fleet, book.index, ctx.mix);
  const unit = currencyUnit(proj.currency);
  const rows = proj.rows;
  const notices = new Set([...priced.warnings, ...proj.unpriced]);
  const role = withWhatIf ? 'savings' : 'projection';
  const frames: DataFrame[] = [
    frame(
      ctx.refId,
      withWhatIf ? 'savings' : 'projection',
      [
        stringField('pricing model', rows.map((r) => r.label)),
        numberField('monthly cost', rows.map((r) => r.monthly), { unit }),
        numberField('yearly cost', rows.map((r) => r.yearly), { unit }),
        numberField('saved per month', rows.map((r) => r.savedMonthly), { unit }),
        numberField('saved per year', rows.map((r) => r.savedYearly), { unit }),
        numberField('saved %', rows.map((r) => r.savedPercent), { unit: 'percent', decimals: 1 }),
        stringField('notes', rows.map((r) => r.notes.join('; '))),
      ],
      { role, currency: proj.currency, per: 'month', pricing: mixLabel(ctx.mix) },
      [...notices].map(warning),
      inv.spec.query
    ),
  ];
  if (withWhatIf && (ctx.mix.reserved_1y || ctx.mix.reserved_3y || ctx.mix.spot)) {
    const s = savings(fleet, book.index, ctx.mix);
    if (s.ok) {
      frames.push(
        frame(
          ctx.refId,
          `what-if ${s.label}`,
          [
            stringField('component', s.byComponent.map((c) => c.component)),
            numberField('on demand per month', s.byComponent.map((c) => c.onDemand.monthly), { unit }),
            numberField('with mix per month', s.byComponent.map((c) => c.withMix.monthly), { unit }),
            numberField('saved per month', s.byComponent.map((c) => c.onDemand.monthly - c.withMix.monthly), { unit }),
            numberField('saved %', s.byComponent.map((c) => c.savedPercent), { unit: 'percent', decimals: 1 }),
          ],
          { role: 'savings', currency: s.currency, per: 'month', pricing: s.label }
        )
      );
    }
  }
  return { frames };
}
