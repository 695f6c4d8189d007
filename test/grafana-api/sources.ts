// A plugin's own source files (the import closure of its module.ts(x) inside the repository) and
// the names they import from @grafana/* packages.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface GrafanaImport {
  /** e.g. "@grafana/data" (deep imports keep their path). */
  module: string;
  /** Imported names as exported by the package; "*" for a namespace import. */
  names: string[];
  file: string;
  line: number;
}

export function isGrafanaModule(specifier: string): boolean {
  return specifier.startsWith('@grafana/');
}

/** Files of the repository itself, not of a package (node_modules) or of the download cache. */
export function isOwnSource(file: string, repoRoot: string): boolean {
  const rel = path.relative(repoRoot, file);
  return !rel.startsWith('..') && !rel.split(path.sep).some((part) => part === 'node_modules' || part === '.cache');
}

/** The entry and every repository file it reaches through relative or aliased imports. */
export function importClosure(entry: string, repoRoot: string, options: ts.CompilerOptions): string[] {
  const seen = new Set<string>();
  const stack = [path.resolve(entry)];
  while (stack.length > 0) {
    const file = stack.pop() as string;
    if (seen.has(file)) {
      continue;
    }
    seen.add(file);
    const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    for (const imported of info.importedFiles) {
      if (isGrafanaModule(imported.fileName)) {
        continue;
      }
      const resolved = ts.resolveModuleName(imported.fileName, file, options, ts.sys).resolvedModule;
      if (resolved && !resolved.isExternalLibraryImport && isOwnSource(resolved.resolvedFileName, repoRoot)) {
        if (!resolved.resolvedFileName.endsWith('.d.ts') && !resolved.resolvedFileName.endsWith('.json')) {
          stack.push(resolved.resolvedFileName);
        }
      }
    }
  }
  return [...seen].sort();
}

/** Every import and re-export from @grafana/* in one file, with the names it takes. */
export function grafanaImportsOf(file: string, text: string): GrafanaImport[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: GrafanaImport[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, names: string[]) => {
    if (specifier && ts.isStringLiteral(specifier) && isGrafanaModule(specifier.text)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({ module: specifier.text, names, file, line });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const names: string[] = [];
      if (clause?.name) {
        names.push('default');
      }
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) {
        names.push('*');
      } else if (bindings) {
        names.push(...bindings.elements.map((e) => (e.propertyName ?? e.name).text));
      }
      add(node, node.moduleSpecifier, names);
    } else if (ts.isExportDeclaration(node)) {
      const clause = node.exportClause;
      const names = clause && ts.isNamedExports(clause) ? clause.elements.map((e) => (e.propertyName ?? e.name).text) : ['*'];
      add(node, node.moduleSpecifier, names);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0], ['*']);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
