// The two ways the simulator's samples are written: Prometheus text format for the live scrape,
// and OpenMetrics lines with job/instance and timestamps for the backfill.
import { Simulator } from './model';
import { Emit, Family, formatValue } from './series';

/** Anything that emits its samples family by family (the simulator, the live autoscaler). */
export interface Collector {
  collect(emit: Emit): void;
}

/** The current tick in Prometheus text exposition format 0.0.4 (HELP/TYPE per family). */
export function renderLive(sim: Collector): string {
  const parts: string[] = [];
  let family: Family | null = null;
  sim.collect((s, v) => {
    if (s.family !== family) {
      family = s.family;
      parts.push(`# HELP ${family.name} ${family.help}\n# TYPE ${family.name} ${family.type}\n`);
    }
    parts.push(`${s.live} ${formatValue(v)}\n`);
  });
  return parts.join('');
}

/**
 * The current tick as OpenMetrics sample lines, labelled as Prometheus stores the scraped series,
 * with the tick's timestamp. No TYPE lines: promtool only needs the samples.
 */
export function renderStored(sim: Simulator, out: string[]): void {
  const ts = ` ${sim.t}\n`;
  sim.collect((s, v) => {
    out.push(s.stored + ' ' + formatValue(v) + ts);
  });
}
