// The built CLI (lib/cli.cjs through bin/headroom.js) on a closed output pipe, as in
// `npx headroom quantile --input F | head -1`: every command ends quietly with its usual exit
// code, no stack trace, and what it wrote before the reader left arrived intact.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'headroom.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-cli-check-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
}

/** 3,000 histograms: about 600 KB of output, far more than a pipe holds. */
function bigExposition(): string {
  const lines: string[] = ['# TYPE lat histogram'];
  for (let i = 0; i < 3000; i++) lines.push(`lat_bucket{i="${i}",le="0.1"} ${i}`, `lat_bucket{i="${i}",le="+Inf"} ${2 * i + 1}`);
  return lines.join('\n') + '\n';
}

/** Two weeks of 5-minute points; a 10,000-point forecast is one line of about 1 MB. */
function seriesCsv(): string {
  return Array.from({ length: 4032 }, (_, i) => `${1_700_000_000 + i * 300},${50 + 10 * Math.sin(i / 45.8)}`).join('\n') + '\n';
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `headroom ...args`; the reader closes stdout once it has `keepBytes` bytes (0: before the
 * command starts writing) and keeps only those, like `head -c`; stderr too with `closeStderr`.
 */
function runClosingEarly(args: string[], keepBytes: number, closeStderr = false): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    if (keepBytes === 0) child.stdout.destroy();
    if (closeStderr) child.stderr.destroy();
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.length >= keepBytes) {
        stdout = stdout.slice(0, keepBytes);
        child.stdout.destroy();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** stderr holds nothing but the command's own notes: no EPIPE, no stack trace. */
function onlyNotes(stderr: string) {
  expect(stderr).not.toMatch(/EPIPE|Error|^\s+at /m);
  for (const line of stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^headroom [a-z]+: note: /);
}

describe('headroom on a closed output pipe', () => {
  const exposition = write('big.prom', bigExposition());
  const csv = write('series.csv', seriesCsv());
  const fleet = write('fleet.json', JSON.stringify({ fleet: [{ type: 't3.large', count: 10 }] }));

  it.each([
    ['--help', ['--help']],
    ['quantile', ['quantile', '--input', exposition]],
    ['forecast', ['forecast', '--input', csv, '--horizon', '10000']],
    ['cost', ['cost', '--inventory', fleet]],
    ['cost --json', ['cost', '--inventory', fleet, '--json']],
  ])('%s ends with exit 0 and only its notes on stderr when the reader is gone before it writes', async (_name, args) => {
    const run = await runClosingEarly(args, 0);
    onlyNotes(run.stderr);
    expect([run.code, run.signal]).toEqual([0, null]);
  });

  it('quantile | head -1: the first line arrives whole, then the command ends quietly', async () => {
    const full = await runClosingEarly(['quantile', '--input', exposition], Infinity);
    const firstLine = full.stdout.slice(0, full.stdout.indexOf('\n') + 1);
    expect(firstLine).toBe('{"metric":"lat","labels":{"i":"0"},"q":0.5,"value":0.1}\n');
    expect(full.stdout.split('\n')).toHaveLength(3000 * 4 + 1);
    const run = await runClosingEarly(['quantile', '--input', exposition], firstLine.length);
    onlyNotes(run.stderr);
    expect([run.code, run.signal, run.stderr, run.stdout]).toEqual([0, null, '', firstLine]);
  });

  it('forecast | head -c 100: the start of its one long line arrives, then it ends quietly', async () => {
    const run = await runClosingEarly(['forecast', '--input', csv, '--horizon', '10000'], 100);
    onlyNotes(run.stderr);
    expect([run.code, run.signal]).toEqual([0, null]);
    expect(run.stdout).toMatch(/^\{"model":"[^"]+","points":\[\{"t":1701209600,"mean":/);
  });

  it('forecast 2>&1 | head -c 0: its notes on a closed stderr end quietly too', async () => {
    const run = await runClosingEarly(['forecast', '--input', csv, '--horizon', '10000'], 0, true);
    expect([run.code, run.signal, run.stdout, run.stderr]).toEqual([0, null, '', '']);
  });

  it('still reports bad input with its one line and exit 2 when stdout is gone', async () => {
    const run = await runClosingEarly(['quantile', '--input', path.join(tmp, 'missing.prom')], 0);
    expect([run.code, run.stderr]).toEqual([2, `headroom quantile: cannot read ${path.join(tmp, 'missing.prom')}: no such file\n`]);
  });
});
