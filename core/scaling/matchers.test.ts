import { parseRefIdRoles, roleOf, toPattern, type SeriesCandidate } from './matchers';

const c = (name: string, extra: Partial<SeriesCandidate> = {}): SeriesCandidate => ({
  name,
  labels: {},
  t: [],
  v: [],
  ...extra,
});

describe('roleOf', () => {
  it.each([
    ['kube_horizontalpodautoscaler_status_current_replicas', 'current'],
    ['kube_horizontalpodautoscaler_status_desired_replicas', 'desired'],
    ['kube_horizontalpodautoscaler_spec_min_replicas', 'min'],
    ['kube_horizontalpodautoscaler_spec_max_replicas', 'max'],
    ['kube_horizontalpodautoscaler_spec_target_metric', 'target'],
    ['namespace_service:container_cpu_usage_ratio_requests:avg', 'utilisation'],
    ['namespace_service:container_memory_working_set_ratio_requests:max', 'utilisation'],
    ['GroupDesiredCapacity', 'desired'],
    ['GroupMaxSize', 'max'],
    ['GroupInServiceInstances', 'current'],
    ['kube_deployment_status_replicas', 'current'],
    ['my_asg_size', 'current'],
    ['max replicas', 'max'],
    ['Min-Replicas', 'min'],
    ['desired capacity', 'desired'],
    ['CPU utilisation', 'utilisation'],
    ['cpu', 'utilisation'],
    ['target', 'target'],
    ['scrape_target_count', 'current'],
  ])('%s → %s', (name, role) => {
    expect(roleOf(c(name))).toBe(role);
  });

  it('lets overrides replace defaults by refId, label or "/regex/"', () => {
    const cand = c('whatever', { refId: 'B', labels: { kind: 'ceiling' } });
    expect(roleOf(cand, { max: [{ refId: 'B' }] })).toBe('max');
    expect(roleOf(cand, { min: [{ labels: { kind: '/^ceil/' } }] })).toBe('min');
    expect(roleOf(cand, {}, null)).toBeNull();
    // An empty list disables a role: KSM max then falls back to current.
    expect(roleOf(c('kube_horizontalpodautoscaler_spec_max_replicas'), { max: [] })).toBe('current');
  });

  it('matches the display name too', () => {
    expect(roleOf(c('Value', { displayName: 'max replicas' }), { max: [{ name: '/max/' }] })).toBe('max');
  });
});

describe('explicit roles by refId', () => {
  it('win over every name guess, in any role order', () => {
    // The Scaling dashboard's CPU target: `max by (...) (kube_..._spec_target_metric)` has no name.
    const target = c('Value', { refId: 'F', labels: { horizontalpodautoscaler: 'web' } });
    expect(roleOf(target)).toBe('current'); // what a guess makes of it: the 75 % read as replicas
    const { roles, problems } = parseRefIdRoles('A=current, B=desired; C: min\nD=max, E=utilization, F=target');
    expect(problems).toEqual([]);
    expect(roleOf(target, roles)).toBe('target');
    // A recording rule named like a max series, pinned as current, stays current.
    expect(roleOf(c('ns:kube_horizontalpodautoscaler_spec_max_replicas', { refId: 'A' }), roles)).toBe('current');
    expect(roleOf(c('x', { refId: 'E' }), roles)).toBe('utilisation');
  });

  it('reports bad entries and keeps the good ones', () => {
    const { roles, problems } = parseRefIdRoles('A=current, B=ceiling, C, A=max, ');
    expect(roles).toEqual({ current: [{ refId: 'A' }] });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/"B=ceiling" is not "<refId>=<role>"/);
    expect(problems[1]).toMatch(/"C" is not/);
    expect(problems[2]).toMatch(/query A is given twice/);
    expect(parseRefIdRoles('')).toEqual({ roles: {}, problems: [] });
  });
});

describe('toPattern', () => {
  it('treats "/…/" as regex, invalid regex as text, and strips g/y', () => {
    expect(toPattern('/a.c/i')).toEqual(/a.c/i);
    expect(toPattern('/(/')).toBe('/(/');
    expect((toPattern(/x/g) as RegExp).global).toBe(false);
  });
});
