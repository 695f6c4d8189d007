// Type-checks the plugins' own sources against one Grafana version's @grafana/* declarations: an
// import of @grafana/* from a repository file resolves inside that version's folder only (a
// package missing there stays unresolved), everything else resolves as usual (the declarations'
// own imports of react, rxjs... walk up to the repository's node_modules). Every diagnostic in a
// repository file is an incompatibility: a missing export, a missing member or prop, a changed
// signature. The installed version gives none (the typecheck stage guarantees it), so the
// difference is the version's.
import path from 'node:path';
import ts from 'typescript';
import { isGrafanaModule, isOwnSource } from './sources';

export interface Incompatibility {
  file: string;
  line: number;
  code: number;
  message: string;
}

export function compilerOptions(tsconfigPath: string): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfigPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) {
    throw new Error(`cannot read ${tsconfigPath}`);
  }
  return { ...parsed.options, noEmit: true, incremental: false, composite: false };
}

/**
 * The diagnostics of `rootFiles` (and the repository files they import) compiled against the
 * @grafana/* packages in `versionFolder`/node_modules.
 */
export function compileAgainst(
  rootFiles: string[],
  versionFolder: string,
  repoRoot: string,
  options: ts.CompilerOptions,
  parsed: Map<string, ts.SourceFile> = new Map()
): Incompatibility[] {
  const host = ts.createCompilerHost(options, true);
  // Files outside the version folder are the same for every version: parse them once.
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (fileName.startsWith(versionFolder + path.sep)) {
      return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    }
    let file = parsed.get(fileName);
    if (!file) {
      file = getSourceFile(fileName, languageVersion, onError, shouldCreate);
      if (file) {
        parsed.set(fileName, file);
      }
    }
    return file;
  };
  const cache = ts.createModuleResolutionCache(repoRoot, (f) => f, options);
  // Resolving from a file inside the version folder finds its node_modules first.
  const anchor = path.join(versionFolder, 'anchor.ts');
  const grafanaRoot = path.join(versionFolder, 'node_modules') + path.sep;
  host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts) =>
    literals.map((literal) => {
      const name = literal.text;
      if (isGrafanaModule(name) && isOwnSource(containingFile, repoRoot)) {
        const r = ts.resolveModuleName(name, anchor, opts, host, undefined, redirected);
        const inVersion = r.resolvedModule?.resolvedFileName.startsWith(grafanaRoot);
        return { resolvedModule: inVersion ? r.resolvedModule : undefined };
      }
      return ts.resolveModuleName(name, containingFile, opts, host, cache, redirected);
    });
  const program = ts.createProgram({ rootNames: rootFiles, options, host });
  const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()];
  return diagnostics
    .filter((d) => d.file && isOwnSource(d.file.fileName, repoRoot))
    .map((d) => {
      const file = d.file as ts.SourceFile;
      const { line } = file.getLineAndCharacterOfPosition(d.start ?? 0);
      return {
        file: path.relative(repoRoot, file.fileName),
        line: line + 1,
        code: d.code,
        message: ts.flattenDiagnosticMessageText(d.messageText, ' ').replace(/\s+/g, ' ').trim(),
      };
    });
}
