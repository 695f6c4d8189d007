import { StackError } from '../config';
import { TIER_PORTS, tierPorts } from './config';

describe('tierPorts', () => {
  it('uses the 19xxx defaults, each port once', () => {
    const p = tierPorts({});
    expect(p.pgPrimary.port).toBe(19432);
    expect(p.nodeExporter.port).toBe(19110);
    expect(new Set(Object.values(p).map((x) => x.port)).size).toBe(TIER_PORTS.length);
  });
  it('moves a port with its variable', () => {
    expect(tierPorts({ HEADROOM_REDIS_PORT: '28379' }).redis.port).toBe(28379);
  });
  it('refuses a bad port and a doubled one with one line naming the variables', () => {
    expect(() => tierPorts({ HEADROOM_REDIS_PORT: 'abc' })).toThrow(new StackError('HEADROOM_REDIS_PORT=abc is not a port number; set it to a free port between 1024 and 65535.'));
    expect(() => tierPorts({ HEADROOM_REDIS_PORT: '19432' })).toThrow(/HEADROOM_REDIS_PORT and HEADROOM_PG_PRIMARY_PORT are both 19432/);
  });
});
