// The rules pack's Redis health alerts with short `for`s (1m instead of 15m, 15m and 5m; 30s
// instead of 2m), for the Redis incidents itest (stack/datatier/incidents.itest.ts): the Redis
// recording rules and HeadroomRedisMemoryHigh, HeadroomRedisEvictions,
// HeadroomRedisRejectedConnections and HeadroomRedisDown, in rule groups named after the check. A
// Prometheus of the test's own loads them (never the stack's, whose alerts keep the pack's `for`s).
local mixin = (import '../../alerts/mixin.libsonnet') + {
  _config+:: {
    groupPrefix: 'headroom-itest-redis',
    redis+: { memoryFor: '1m', evictionsFor: '1m', rejectedFor: '1m', downFor: '30s' },
  },
};
{
  groups: [grp for grp in mixin.prometheusRules.groups + mixin.prometheusAlerts.groups if grp.name == 'headroom-itest-redis-redis' || grp.name == 'headroom-itest-redis-redis-alerts'],
}
