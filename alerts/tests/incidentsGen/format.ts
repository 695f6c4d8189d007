// Numbers, durations, times and strings as the generated files and notes write them.
export const fmt = (v: number, d = 3) => String(Math.round(v * 10 ** d) / 10 ** d);
export const pct = (v: number) => `${fmt(100 * v, 2)} %`;
export const q = (s: string) => JSON.stringify(s);
export const dur = (s: number) => (s % 3600 === 0 ? `${s / 3600}h` : s % 60 === 0 ? `${s / 60}m` : `${s}s`);
export const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
