// Demo series for the forecast benchmark from the local stack's simulator (stack/simulator):
// 28 days of the web service's request demand and HPA replicas, sampled every 5 minutes.
// Returns { series: [], error } when the simulator cannot be loaded, so the benchmark still runs.

const DAYS = 28;
const SAMPLE_TICKS = 20; // 20 × 15 s = 5 min

export async function loadDemoSeries(ctx) {
  try {
    const { Simulator, TICK } = await ctx.importTs('stack/simulator/model.ts');
    const anchor = 1_735_689_600; // 2025-01-01T00:00:00Z, a multiple of 15 s
    const sim = new Simulator({ seed: 42, anchor, refTime: anchor + DAYS * 86_400 });
    const n = (DAYS * 86_400) / (TICK * SAMPLE_TICKS);
    const t = new Float64Array(n);
    const demand = new Float64Array(n);
    const replicas = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sim.advanceTo(i * SAMPLE_TICKS);
      t[i] = sim.t;
      demand[i] = sim.demand;
      replicas[i] = sim.replicas;
    }
    const step = TICK * SAMPLE_TICKS;
    return {
      series: [
        { name: 'demo_web_demand_rps', t, y: demand, step },
        { name: 'demo_web_hpa_replicas', t, y: replicas, step },
      ],
    };
  } catch (error) {
    return { series: [], error: error instanceof Error ? error.message : String(error) };
  }
}
