import { AlertmanagerAlert, alertItems, matchesLabelFilter, PrometheusAlert } from './alerts';

const prom = (alertname: string, state: string, activeAt: string, extra: Record<string, string> = {}): PrometheusAlert => ({
  labels: { alertname, ...extra },
  state,
  activeAt,
});

describe('alertItems', () => {
  const prometheus = [
    prom('Watchdog', 'firing', '2026-01-01T00:00:00Z', { severity: 'none' }),
    prom('SloBurn', 'pending', '2026-01-01T00:05:00Z', { severity: 'critical' }),
    prom('LagHigh', 'firing', '2026-01-01T00:03:00Z', { severity: 'warning' }),
    prom('Old', 'inactive', '2026-01-01T00:00:00Z'),
  ];
  const alertmanager: AlertmanagerAlert[] = [
    { labels: { alertname: 'Watchdog', severity: 'none', cluster_ext: 'x' }, status: { state: 'active' } },
    { labels: { alertname: 'LagHigh', severity: 'warning' }, status: { state: 'suppressed', inhibitedBy: ['abc'] } },
    { labels: { alertname: 'FromElsewhere' }, startsAt: '2026-01-01T00:01:00Z', status: { state: 'suppressed', silencedBy: ['s1'] } },
  ];

  it('joins Prometheus firing and pending alerts with what Alertmanager did, and lists the others Alertmanager has', () => {
    const items = alertItems(prometheus, alertmanager, { stateFilter: { firing: true, pending: true }, maxItems: 10, sortOrder: 1 });
    expect(items.map((i) => [i.name, i.state, i.routing])).toEqual([
      ['FromElsewhere', 'firing', 'silenced'],
      ['LagHigh', 'firing', 'inhibited'],
      ['SloBurn', 'pending', undefined],
      ['Watchdog', 'firing', 'notified'],
    ]);
  });

  it('filters by state, name and labels, sorts by time or importance, and caps the count', () => {
    const opts = { stateFilter: { firing: true }, maxItems: 10 };
    expect(alertItems(prometheus, undefined, { ...opts, sortOrder: 5 }).map((i) => i.name)).toEqual(['LagHigh', 'Watchdog']);
    expect(alertItems(prometheus, undefined, { ...opts, sortOrder: 4, maxItems: 1 }).map((i) => i.name)).toEqual(['Watchdog']);
    expect(alertItems(prometheus, undefined, { stateFilter: { firing: true, pending: true }, sortOrder: 3 }).map((i) => i.name)).toEqual([
      'LagHigh',
      'Watchdog',
      'SloBurn',
    ]);
    expect(alertItems(prometheus, undefined, { ...opts, alertName: 'lag' }).map((i) => i.name)).toEqual(['LagHigh']);
    expect(alertItems(prometheus, undefined, { ...opts, alertInstanceLabelFilter: 'severity=~"warn.*"' }).map((i) => i.name)).toEqual(['LagHigh']);
  });

  it('says when a firing alert did not reach Alertmanager, and nothing about routing when Alertmanager is not read', () => {
    expect(alertItems([prom('X', 'firing', 'bad date')], [], { stateFilter: { firing: true } })[0].routing).toBe('not in Alertmanager');
    expect(alertItems([prom('X', 'firing', 'bad date')], undefined, { stateFilter: { firing: true } })[0].routing).toBeUndefined();
  });
});

describe('matchesLabelFilter', () => {
  it('applies =, !=, =~ and !~ matchers, all of them', () => {
    const labels = { severity: 'critical', team: 'db' };
    expect(matchesLabelFilter(labels, '')).toBe(true);
    expect(matchesLabelFilter(labels, 'severity=critical, team!=web')).toBe(true);
    expect(matchesLabelFilter(labels, '{team=~"d.*"}')).toBe(true);
    expect(matchesLabelFilter(labels, 'team!~"d.*"')).toBe(false);
    expect(matchesLabelFilter(labels, 'severity="warning"')).toBe(false);
  });
});
