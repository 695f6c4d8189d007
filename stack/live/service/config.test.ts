import { LIVE_DEFAULTS, LiveConfigError, liveServiceConfig } from './config';

describe('liveServiceConfig', () => {
  it('reads the port, the data tier ports (the stack defaults when unset) and the defaults', () => {
    const c = liveServiceConfig({ PORT: '18080' });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 18080, pgPrimaryPort: 19432, pgReplicaPort: 19433, redisPort: 19379, poolSize: LIVE_DEFAULTS.poolSize, poolIdleSeconds: 0, work: LIVE_DEFAULTS.work, pod: 'live-18080' });
  });
  it('moves each setting with its variable', () => {
    const c = liveServiceConfig({ PORT: '18081', HEADROOM_PG_PRIMARY_PORT: '33432', HEADROOM_PG_REPLICA_PORT: '33433', HEADROOM_REDIS_PORT: '33379', HEADROOM_LIVE_POOL_SIZE: '5', HEADROOM_LIVE_POOL_IDLE_SECONDS: '10', HEADROOM_LIVE_WORK: '0', HEADROOM_POD: 'web-3' });
    expect(c).toMatchObject({ port: 18081, pgPrimaryPort: 33432, pgReplicaPort: 33433, redisPort: 33379, poolSize: 5, poolIdleSeconds: 10, work: 0, pod: 'web-3' });
  });
  it('refuses a missing port and bad numbers with one line naming the variable', () => {
    expect(() => liveServiceConfig({})).toThrow(new LiveConfigError('PORT= is not a port number for the live service to listen on; set it to a whole number from 1024 to 65535.'));
    expect(() => liveServiceConfig({ PORT: '18080', HEADROOM_LIVE_POOL_SIZE: '0' })).toThrow(/^HEADROOM_LIVE_POOL_SIZE=0 is not a pool size; set it to a whole number from 1 to 20\.$/);
    expect(() => liveServiceConfig({ PORT: '18080', HEADROOM_LIVE_POOL_IDLE_SECONDS: '-1' })).toThrow(/^HEADROOM_LIVE_POOL_IDLE_SECONDS=-1 is not a number of seconds; set it to a whole number from 0 to 3600\.$/);
    expect(() => liveServiceConfig({ PORT: '18080', HEADROOM_LIVE_WORK: '1.5' })).toThrow(/HEADROOM_LIVE_WORK=1.5 is not a work factor/);
    expect(() => liveServiceConfig({ PORT: '18080', HEADROOM_REDIS_PORT: 'x' })).toThrow(/HEADROOM_REDIS_PORT=x is not a port number/);
  });
});
