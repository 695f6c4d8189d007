import { analyzeWorkload } from '../../../core/scaling';
import { BREAK } from '../../../core/series/decimate';
import { rowColumns } from './drawWorkload';
import { sampleLines } from './hoverText';
import { rowLines } from './rowLines';

describe('sampleLines', () => {
  it('reports the sample under the pointer, also where the drawn (decimated) line skips it', () => {
    const n = 7 * 2880;
    const t = Float64Array.from({ length: n }, (_, i) => i * 30000);
    const cpu = t.map((_, i) => 0.5 + 0.2 * Math.sin(i * 0.37));
    const replicas = t.map((_, i) => 5 + (i % 3));
    const a = analyzeWorkload({ current: { t, v: replicas }, metric: { t, v: cpu }, target: 75, metricName: 'cpu', metricUnit: '%', metricScale: 100 });
    const drawn = new Set(rowLines(a, rowColumns({ width: 1200, height: 70, left: 36, right: 40, from: 0, to: n * 30000 }, 2)).metric);
    drawn.delete(BREAK);
    const skipped = Array.from(t.keys()).find((i) => i > 1000 && !drawn.has(i) && replicas[i] === 6)!;
    expect(skipped).toBeDefined();
    const lines = sampleLines(a, t[skipped] + 1000, (ms) => String(ms));
    // In the target's unit, as the reasons say it ("cpu 62 % vs target 75 %"), never the raw ratio.
    expect(lines!.slice(0, 3)).toEqual([String(t[skipped]), 'replicas 6', `cpu ${Math.round(cpu[skipped] * 100)} % vs target 75 %`]);
  });
});
