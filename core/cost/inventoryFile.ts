// Inventory files (JSON) for `headroom cost --inventory FILE`, in any of three shapes:
//
// 1. A static fleet:      { "fleet": [ { "type": "t3.large", "count": 5, "component": "compute",
//                                        "region": "us-east-1", "kind": "instance" }, ... ] }
// 2. Series over time:    { "series": [ { "type": "t3.large", "component": "compute",
//                                         "samples": [[<unix s>, <count>], ...] }, ... ] }
// 3. A Prometheus API answer saved with curl (query or query_range of kube_node_labels counted by
//    type, or of node_total_hourly_cost): { "status": "success", "data": { "resultType": ... } }
//
// Every problem is reported with its place (`fleet[2].count: ...`), all at once.
import { matrixToSeries, vectorToSamples } from '../prometheus/matrix';
import { matrixProblem, vectorProblem } from '../prometheus/shape';
import { MatrixSeries, VectorSample } from '../prometheus/types';
import { FleetItem } from './fleet';
import { inventoryFromSeries } from './inventory';
import { describeValue, MAX_COUNT } from './limits';
import { InventorySeries } from './types';

export type InventoryFile = { kind: 'fleet'; fleet: FleetItem[] } | { kind: 'series'; inventory: InventorySeries[] };

export interface InventoryFileResult {
  inventory: InventoryFile | null;
  errors: string[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Calls `each` with every element of `list` that is an object and its place (`name[i]`); any other element is an error. */
function forEachObject(list: unknown[], name: string, errors: string[], each: (x: Obj, where: string) => void): void {
  list.forEach((x, i) => {
    const where = `${name}[${i}]`;
    if (!isObj(x)) {
      errors.push(`${where}: must be an object`);
      return;
    }
    each(x, where);
  });
}
const KINDS = ['instance', 'storage', 'network'];
/** A number, or a number written as a string (as Prometheus writes values); NaN for anything else (not Number(x): an array's conversion recurses). */
const numeric = (x: unknown): number => (typeof x === 'number' ? x : typeof x === 'string' && x.trim() !== '' ? Number(x) : NaN);

function common(x: Obj, where: string, errors: string[]): Pick<FleetItem, 'type' | 'component' | 'region' | 'kind'> | null {
  let ok = true;
  if (typeof x.type !== 'string' || x.type === '') {
    errors.push(`${where}.type: instance type (or storage/network class) is missing`);
    ok = false;
  }
  for (const k of ['component', 'region'] as const) {
    if (x[k] !== undefined && typeof x[k] !== 'string') {
      errors.push(`${where}.${k}: must be a string`);
      ok = false;
    }
  }
  if (x.kind !== undefined && !KINDS.includes(x.kind as string)) {
    errors.push(`${where}.kind: must be instance, storage or network`);
    ok = false;
  }
  if (!ok) {
    return null;
  }
  const out: Pick<FleetItem, 'type' | 'component' | 'region' | 'kind'> = { type: x.type as string };
  if (x.component) {
    out.component = x.component as string;
  }
  if (x.region) {
    out.region = x.region as string;
  }
  if (x.kind) {
    out.kind = x.kind as FleetItem['kind'];
  }
  return out;
}

export function parseInventoryFile(json: unknown): InventoryFileResult {
  const errors: string[] = [];
  if (!isObj(json)) {
    return { inventory: null, errors: ['an inventory must be a JSON object with "fleet", "series", or a Prometheus API answer'] };
  }
  if (Array.isArray(json.fleet)) {
    const fleet: FleetItem[] = [];
    forEachObject(json.fleet, 'fleet', errors, (x, where) => {
      const c = common(x, where, errors);
      if (typeof x.count !== 'number' || !Number.isFinite(x.count) || x.count < 0 || x.count > MAX_COUNT) {
        errors.push(`${where}.count: must be a number from 0 to ${MAX_COUNT}, got ${describeValue(x.count)}`);
        return;
      }
      if (c) {
        fleet.push({ ...c, count: x.count });
      }
    });
    if (json.fleet.length === 0) {
      errors.push('fleet: is empty');
    }
    return errors.length ? { inventory: null, errors } : { inventory: { kind: 'fleet', fleet }, errors };
  }
  if (Array.isArray(json.series)) {
    const inventory: InventorySeries[] = [];
    forEachObject(json.series, 'series', errors, (x, where) => {
      const c = common(x, where, errors);
      if (!Array.isArray(x.samples) || x.samples.length === 0) {
        errors.push(`${where}.samples: must be a non-empty list of [unix seconds, value]`);
        return;
      }
      const t: number[] = [];
      const v: number[] = [];
      let bad = -1;
      x.samples.forEach((p, j) => {
        if (!Array.isArray(p) || p.length !== 2 || !Number.isFinite(numeric(p[0])) || !(Math.abs(numeric(p[1])) <= MAX_COUNT)) {
          if (bad < 0) {
            bad = j;
          }
          return;
        }
        t.push(numeric(p[0]) * 1000);
        v.push(numeric(p[1]));
      });
      if (bad >= 0) {
        errors.push(`${where}.samples[${bad}]: must be [unix seconds, a number from -${MAX_COUNT} to ${MAX_COUNT}]`);
        return;
      }
      for (let j = 1; j < t.length; j++) {
        if (t[j] <= t[j - 1]) {
          errors.push(`${where}.samples[${j}]: timestamps must increase`);
          return;
        }
      }
      if (c) {
        inventory.push({ ...c, t: Float64Array.from(t), v: Float64Array.from(v) });
      }
    });
    return errors.length ? { inventory: null, errors } : { inventory: { kind: 'series', inventory }, errors };
  }
  if (json.status === 'success' && isObj(json.data)) {
    const d = json.data as { resultType?: string; result?: unknown };
    const problem = d.resultType === 'matrix' ? matrixProblem(d.result) : d.resultType === 'vector' ? vectorProblem(d.result) : null;
    if (problem) {
      return { inventory: null, errors: [`a Prometheus ${d.resultType} answer, but data.${problem}`] };
    }
    if (d.resultType === 'matrix' && Array.isArray(d.result)) {
      const { inventory, unlabelled } = inventoryFromSeries(matrixToSeries(d.result as MatrixSeries[]));
      if (inventory.length === 0) {
        return { inventory: null, errors: [`no series with an instance-type label (${unlabelled} without one)`] };
      }
      return { inventory: { kind: 'series', inventory }, errors };
    }
    if (d.resultType === 'vector' && Array.isArray(d.result)) {
      const samples = vectorToSamples(d.result as VectorSample[]);
      const asSeries = samples.map((s) => ({ labels: s.labels, t: Float64Array.of(s.t), v: Float64Array.of(s.v) }));
      const { inventory, unlabelled } = inventoryFromSeries(asSeries);
      if (inventory.length === 0) {
        return { inventory: null, errors: [`no series with an instance-type label (${unlabelled} without one)`] };
      }
      const fleet = inventory.map((s) => ({ kind: s.kind, type: s.type, component: s.component, region: s.region, count: s.v[0] }));
      return { inventory: { kind: 'fleet', fleet }, errors };
    }
    return { inventory: null, errors: [`Prometheus answer of type ${String(d.resultType)}: expected a matrix or a vector`] };
  }
  return { inventory: null, errors: ['unrecognised inventory: expected "fleet", "series", or a Prometheus API answer ("status": "success")'] };
}
