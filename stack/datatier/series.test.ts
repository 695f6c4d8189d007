import { parseExposition } from '../../core/exposition/parse';
import { addSeriesNames, formatSeriesFile, sumOf, valueOf } from './series';

const text = `# TYPE pg_up gauge
pg_up 1
pg_stat_activity_count{datname="a",state="active"} 3
pg_stat_activity_count{datname="b",state="idle",usename="x"} 2
go_goroutines 9
process_resident_memory_bytes 1e6
`;

describe('exporter series names', () => {
  const samples = parseExposition(text).samples;
  it('keeps names and the union of label names, not values, without the exporter runtime', () => {
    expect(addSeriesNames({}, samples)).toEqual({ pg_stat_activity_count: ['datname', 'state', 'usename'], pg_up: [] });
  });
  it('merges into what is there', () => {
    expect(addSeriesNames({ pg_up: ['server'] }, samples).pg_up).toEqual(['server']);
  });
  it('reads one value or a sum by labels; absent is NaN or 0', () => {
    expect(valueOf(samples, 'pg_up')).toBe(1);
    expect(valueOf(samples, 'pg_stat_activity_count', { datname: 'b' })).toBe(2);
    expect(valueOf(samples, 'nope')).toBeNaN();
    expect(sumOf(samples, 'pg_stat_activity_count')).toBe(5);
    expect(sumOf(samples, 'pg_stat_activity_count', { state: 'none' })).toBe(0);
  });
  it('writes one metric per line and reads back to the same object', () => {
    const byKind = { redis_exporter: { redis_up: [] }, postgres_exporter: { pg_up: [], pg_stat_activity_count: ['datname', 'state'] } };
    const text = formatSeriesFile(byKind);
    expect(text.split('\n')[2]).toBe('    "pg_stat_activity_count": ["datname","state"],');
    expect(JSON.parse(text)).toEqual(byKind);
  });
});
