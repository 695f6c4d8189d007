/** @jest-environment node */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { grafanaImportsOf, importClosure, isOwnSource } from './sources';

describe('grafanaImportsOf', () => {
  it('lists the exported names taken, renamed imports, namespaces, re-exports and dynamic imports', () => {
    const text = [
      "import { PanelPlugin, FieldType as FT } from '@grafana/data';",
      "import * as ui from '@grafana/ui';",
      "import type { DataFrame } from '@grafana/data';",
      "import { helper } from './helper';",
      "export { getBackendSrv } from '@grafana/runtime';",
      "const lazy = () => import('@grafana/runtime');",
    ].join('\n');
    expect(grafanaImportsOf('m.ts', text).map((i) => [i.module, i.names.join(','), i.line])).toEqual([
      ['@grafana/data', 'PanelPlugin,FieldType', 1],
      ['@grafana/ui', '*', 2],
      ['@grafana/data', 'DataFrame', 3],
      ['@grafana/runtime', 'getBackendSrv', 5],
      ['@grafana/runtime', '*', 6],
    ]);
  });
});

describe('isOwnSource', () => {
  it('keeps repository files, not packages, the download cache or files outside', () => {
    expect(isOwnSource('/repo/panels/a/module.ts', '/repo')).toBe(true);
    expect(isOwnSource('/repo/node_modules/@grafana/data/index.d.ts', '/repo')).toBe(false);
    expect(isOwnSource('/repo/.cache/grafana-api/10.4.19/x.d.ts', '/repo')).toBe(false);
    expect(isOwnSource('/elsewhere/a.ts', '/repo')).toBe(false);
  });
});

describe('importClosure', () => {
  it('follows relative imports through the repository and stops at packages', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'closure-'));
    try {
      const put = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), text);
      };
      put('p/module.ts', "import { a } from './a';\nimport { b } from '../shared/b';\nimport x from 'left-pad';\n");
      put('p/a.ts', "export { b } from '../shared/b';\nexport const a = 1;\n");
      put('shared/b.ts', 'export const b = 2;\n');
      put('unused.ts', 'export const u = 3;\n');
      const options = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
      const files = importClosure(path.join(root, 'p/module.ts'), root, options).map((f) => path.relative(root, f));
      expect(files).toEqual(['p/a.ts', 'p/module.ts', 'shared/b.ts']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
