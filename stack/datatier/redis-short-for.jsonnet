// The rules pack's Redis alerts with short `for`s, for the Redis incidents itest
// (stack/datatier/incidents.itest.ts): the Redis health recording rules and alerts
// (HeadroomRedisMemoryHigh, HeadroomRedisEvictions and HeadroomRedisRejectedConnections 1m instead
// of 15m, 15m and 5m; HeadroomRedisDown 30s instead of 2m) and the cache hit ratio's rules and
// HeadroomCacheHitRateLow (its ratio over 1m instead of 10m, judged once the counters are 1m old
// instead of 30m, for 15s instead of 10m), in rule groups named after the check. A Prometheus of
// the test's own loads them (never the stack's, whose alerts keep the pack's).
local mixin = (import '../../alerts/mixin.libsonnet') + {
  _config+:: {
    groupPrefix: 'headroom-itest-redis',
    redis+: { memoryFor: '1m', evictionsFor: '1m', rejectedFor: '1m', downFor: '30s' },
    cache+: { window: '1m', coldStart: '1m', floorFor: '15s' },
  },
};
local keep = ['headroom-itest-redis-' + g for g in ['redis', 'redis-alerts', 'cache', 'cache-alerts']];
{
  groups: [grp for grp in mixin.prometheusRules.groups + mixin.prometheusAlerts.groups if std.member(keep, grp.name)],
}
