// A tool that fails is named with its own last word (stderr, else stdout) and how it ended.
import { run } from './run';

test('resolves with stdout', async () => {
  await expect(run('/bin/sh', ['-c', 'echo fine'])).resolves.toBe('fine\n');
});

test('a failure says the last line of stderr and the exit code', async () => {
  await expect(run('/bin/sh', ['-c', 'echo first >&2; echo last >&2; exit 2'])).rejects.toThrow(/^sh -c .* failed: last \(exit 2\)$/);
});

test('a tool that reports on stdout (redis-benchmark) is quoted from there', async () => {
  await expect(run('/bin/sh', ['-c', 'echo "Could not connect"; exit 1'])).rejects.toThrow(/failed: Could not connect \(exit 1\)$/);
});

test('a tool ended by a signal or the timeout says so', async () => {
  await expect(run('/bin/sh', ['-c', 'sleep 5'], { timeoutMs: 200 })).rejects.toThrow(/failed: \(killed by SIGTERM\)$/);
});
