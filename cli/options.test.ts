import { walkOptions } from './options';

const fail = (m: string) => new Error(m);

function walk(argv: string[], spec = { values: ['--input', '--q'], flags: ['--once'] }) {
  const seen: Array<[string, string | true]> = [];
  const { help } = walkOptions(argv, spec, (k, v) => seen.push([k, v]), fail);
  return { help, seen };
}

describe('walkOptions', () => {
  it('reads --key value, --key=value, flags and help, in order', () => {
    expect(walk(['--input', 'a', '--q=0.5,0.9', '--once', '-h', '--input=b=c'])).toEqual({
      help: true,
      seen: [['--input', 'a'], ['--q', '0.5,0.9'], ['--once', true], ['--input', 'b=c']],
    });
  });

  it('refuses an unknown argument and a key without its value, one sentence each', () => {
    expect(() => walk(['--bogus'])).toThrow('unknown option "--bogus" (see --help)');
    expect(() => walk(['x=1'])).toThrow('unknown option "x=1" (see --help)');
    expect(() => walk(['--q'])).toThrow('--q needs a value');
    expect(walk(['--q='])).toEqual({ help: false, seen: [['--q', '']] });
    expect(() => walkOptions(['--q='], { values: ['--q'], emptyIsMissing: true }, () => undefined, fail)).toThrow('--q needs a value');
  });

  it('reports the first bad option: the callback runs before later arguments are read', () => {
    const bad = () => walkOptions(['--q', 'x', '--bogus'], { values: ['--q'] }, () => {
      throw new Error('q is bad');
    }, fail);
    expect(bad).toThrow('q is bad');
  });
});
