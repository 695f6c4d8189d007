/** @jest-environment node */
// The checker against a made-up Grafana version: what it must report, and what it must not.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { compileAgainst } from './compile';

const options: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

let root: string;
let version: string;

function write(rel: string, text: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function pkg(base: string, name: string, dts: string): void {
  write(`${base}/${name}/package.json`, JSON.stringify({ name, version: '0.0.0', types: 'index.d.ts' }));
  write(`${base}/${name}/index.d.ts`, dts);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'grafana-api-'));
  version = path.join(root, '.cache', '10.4.19');
  const grafana = '.cache/10.4.19/node_modules';
  pkg(grafana, '@grafana/schema', 'export interface Theme { spacing: number }\n');
  pkg(
    grafana,
    '@grafana/data',
    [
      "export { Theme } from '@grafana/schema';",
      'export interface Frame { length: number }',
      'export declare function Button(props: { size?: string }): unknown;',
    ].join('\n')
  );
  // What the repository has installed: a newer API that must not stand in for the old one.
  pkg('node_modules', '@grafana/schema', 'export interface Theme { radius: number }\n');
  pkg('node_modules', '@grafana/ui', 'export declare const Stack: unknown;\n');
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function check(source: string) {
  const file = write('src/panel.ts', source);
  return compileAgainst([file], version, root, options).map((d) => `${d.file}:${d.line} TS${d.code}`);
}

describe('compileAgainst', () => {
  it('reports nothing when the version has everything the source uses', () => {
    expect(check("import { Frame, Theme } from '@grafana/data';\nexport const n = (f: Frame, t: Theme) => f.length + t.spacing;\n")).toEqual([]);
  });

  it('reports a name the version does not export', () => {
    expect(check("import { Frame, PanelPlugin } from '@grafana/data';\nexport type F = Frame | PanelPlugin;\n")).toEqual([
      'src/panel.ts:1 TS2305',
    ]);
  });

  it("reports a member the version's type lacks, read through its own sibling package", () => {
    expect(check("import { Theme } from '@grafana/data';\nexport const r = (t: Theme) => t.radius;\n")).toEqual(['src/panel.ts:2 TS2339']);
  });

  it('reports a prop the version does not accept', () => {
    expect(check("import { Button } from '@grafana/data';\nexport const b = Button({ size: 'sm', fill: 'text' });\n")).toEqual([
      'src/panel.ts:2 TS2353',
    ]);
  });

  it('reports a package the version lacks, although the repository has it installed', () => {
    expect(check("import { Stack } from '@grafana/ui';\nexport const s = Stack;\n")).toEqual(['src/panel.ts:1 TS2307']);
  });
});
