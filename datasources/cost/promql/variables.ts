// Variable values from Grafana's template service, as raw (unescaped) value lists for
// interpolate.ts and the query filters. Escaping is never left to Grafana's formats: the format
// function below only captures the values.
//
// Edge cases: "All" (the `$__all` value, or a custom "all value" such as `.*`, which Grafana
// substitutes without calling the format function) is reported as `{ all: true }`, so a filter is
// dropped rather than matched against `.*` as a literal; values from `scopedVars` (repeated panels,
// `$__interval`) win over dashboard variables; an unknown name is `undefined`.
import { ScopedVars } from '@grafana/data';
import { TemplateSrv } from '@grafana/runtime';
import { Selection } from './escape';
import { hasVariables, interpolatePromQL, VariableLookup } from './interpolate';

const ALL_VALUE = '$__all';

interface VariableLike {
  name: string;
  current?: { value?: unknown };
  allValue?: string | null;
}

function selectsAll(v: VariableLike | undefined): boolean {
  const value = v?.current?.value;
  return value === ALL_VALUE || (Array.isArray(value) && value.includes(ALL_VALUE));
}

export function templateLookup(templateSrv: Pick<TemplateSrv, 'replace' | 'getVariables'>, scopedVars: ScopedVars = {}): VariableLookup {
  return (name) => {
    const scoped = Object.prototype.hasOwnProperty.call(scopedVars, name);
    const variable = scoped ? undefined : (templateSrv.getVariables() as unknown as VariableLike[]).find((v) => v.name === name);
    if (variable && selectsAll(variable)) {
      return { all: true };
    }
    const ref = `\${${name}}`;
    let captured: string[] | null = null;
    const out = templateSrv.replace(ref, scopedVars, (value: unknown) => {
      captured = (Array.isArray(value) ? value : [value]).map((x) => (x === undefined || x === null ? '' : String(x)));
      return '';
    });
    if (captured !== null) {
      const values = captured as string[];
      return values.includes(ALL_VALUE) ? { all: true } : { values };
    }
    if (out === ref) {
      return undefined;
    }
    // Substituted without the format function: a custom all value.
    if (variable?.allValue !== undefined && variable.allValue !== null && out === variable.allValue) {
      return { all: true };
    }
    return { values: [out] };
  };
}

/**
 * The selection a filter field asks for: empty text selects all; text with variables is
 * interpolated (every variable's values, or "All"); plain text is one value, or several separated
 * by `|` (as typed in the query editor: `compute|cache`).
 */
export function filterSelection(text: string | undefined, lookup: VariableLookup): Selection {
  const s = (text ?? '').trim();
  if (s === '') {
    return { all: true };
  }
  if (!hasVariables(s)) {
    return { values: s.split('|').map((x) => x.trim()).filter((x) => x !== '') };
  }
  const m = /^(?:\$(\w+)|\$\{(\w+)(?::[\w-]+)?\}|\[\[(\w+)(?::[\w-]+)?\]\])$/.exec(s);
  if (m) {
    const name = m[1] ?? m[2] ?? m[3];
    const sel = lookup(name);
    if (!sel) {
      throw new Error(`unknown variable $${name}`);
    }
    return sel;
  }
  // Text around variables: interpolate as one raw string value (each variable must have one value).
  const raw = interpolatePromQL(JSON.stringify(s), (name) => {
    const sel = lookup(name);
    return sel;
  });
  return { values: [JSON.parse(raw) as string] };
}
