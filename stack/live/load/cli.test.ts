import { formatResult, parseLoadCommand } from './cli';
import { LoadTargetError } from './generator';
import { LoadProfileError } from './profile';

describe('parseLoadCommand', () => {
  it('builds the profile with its defaults: a flat day as long as the run, no spike, 20 % checkouts', () => {
    const c = parseLoadCommand(['--seconds', '30'], { HEADROOM_LIVE_PORT: '19080' });
    expect(c).toEqual({ target: 'http://127.0.0.1:19080', checkoutShare: 0.2, maxInFlight: 64, json: false, profile: { durationS: 30, baseRps: 10, dayS: 30, amplitude: 0, growthPerDay: 0, spike: null } });
  });
  it('reads every option, the spike factor 10 by default', () => {
    const c = parseLoadCommand(['--seconds', '120', '--rps', '20', '--day', '60', '--amplitude', '0.5', '--growth', '0.1', '--spike-at', '80', '--spike-for', '20', '--checkout', '0', '--target', 'http://localhost:1234', '--json'], {});
    expect(c.profile).toEqual({ durationS: 120, baseRps: 20, dayS: 60, amplitude: 0.5, growthPerDay: 0.1, spike: { atS: 80, forS: 20, factor: 10 } });
    expect(c).toMatchObject({ target: 'http://localhost:1234', checkoutShare: 0, json: true });
  });
  it('refuses bad options with one line', () => {
    expect(() => parseLoadCommand([], {})).toThrow(new LoadProfileError('--seconds is required'));
    expect(() => parseLoadCommand(['--seconds', 'x'], {})).toThrow(/--seconds x is not a number/);
    expect(() => parseLoadCommand(['--seconds', '10', '--spike-at', '5'], {})).toThrow(/--spike-for is required/);
    expect(() => parseLoadCommand(['--seconds', '10', '--checkout', '2'], {})).toThrow(/--checkout must be from 0 to 1/);
    expect(() => parseLoadCommand(['--seconds', '10', '--nope', '1'], {})).toThrow(LoadProfileError);
    expect(() => parseLoadCommand(['--seconds', '10'], {})).toThrow(LoadTargetError);
  });
});

describe('formatResult', () => {
  it('says what was sent and what came back', () => {
    expect(formatResult({ sent: 10, ok: 8, errors: 2, skipped: 1, byCode: { '503': 1, '200': 8, timeout: 1 }, seconds: 3.04 })).toBe('sent 10, ok 8, errors 2, skipped 1 in 3.0 s (200: 8, 503: 1, timeout: 1)');
  });
});
