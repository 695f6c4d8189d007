// A TemplateSrv with Grafana's variable syntax ($var, ${var}, ${var:format}, [[var]]), the
// built-in time variables, multi-value/All handling and the common formats. Dashboard variables
// are resolved by variables.ts; values come from the dashboard JSON, `var-<name>` URL parameters
// and the query results.
import { ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import { TemplateSrv } from '@grafana/runtime';

export const ALL_VALUE = '$__all';

/** The part of Grafana's variable model the preview uses. */
export interface PreviewVariable {
  name: string;
  type: string;
  label?: string;
  query?: unknown;
  datasource?: unknown;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string | null;
  hide?: number;
  regex?: string;
  current: { text: string | string[]; value: string | string[] };
  options: Array<{ text: string; value: string; selected?: boolean }>;
}

type Formatter = (value: string | string[], variable?: unknown) => string;

// Grafana's variableRegex: $var, [[var:fmt]], ${var.fieldPath:fmt}
const variableRegex = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^}]+))?(?::([^}]+))?}/g;

const escapeRegex = (value: string) => value.replace(/[\\^$*+?.()|[\]{}/]/g, '\\$&');

function formatValue(value: string | string[], format: string | Formatter | undefined, variable?: PreviewVariable): string {
  if (typeof format === 'function') {
    return format(value, variable);
  }
  const values = Array.isArray(value) ? value : [value];
  switch (format) {
    case 'regex':
      return values.length === 1 ? escapeRegex(values[0]) : `(${values.map(escapeRegex).join('|')})`;
    case 'pipe':
      return values.join('|');
    case 'csv':
      return values.join(',');
    case 'json':
      return JSON.stringify(value);
    case 'queryparam':
      return values.map((v) => `var-${variable?.name ?? ''}=${encodeURIComponent(v)}`).join('&');
    case 'percentencode':
      return encodeURIComponent(values.join(','));
    case 'singlequote':
      return values.map((v) => `'${v.replace(/'/g, "\\'")}'`).join(',');
    case 'doublequote':
      return values.map((v) => `"${v.replace(/"/g, '\\"')}"`).join(',');
    case 'sqlstring':
      return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',');
    case 'text':
    case 'raw':
      return values.join(',');
    default:
      // Grafana's default for several values is the glob format.
      return values.length === 1 ? values[0] : `{${values.join(',')}}`;
  }
}

export class PreviewTemplateSrv implements TemplateSrv {
  private variables: PreviewVariable[] = [];
  private timeRange?: TimeRange;

  setVariables(variables: PreviewVariable[]): void {
    this.variables = variables;
  }

  getVariables(): TypedVariableModel[] {
    return this.variables as unknown as TypedVariableModel[];
  }

  getVariable(name: string): PreviewVariable | undefined {
    return this.variables.find((v) => v.name === name);
  }

  updateTimeRange(timeRange: TimeRange): void {
    this.timeRange = timeRange;
  }

  containsTemplate(target?: string): boolean {
    if (!target) {
      return false;
    }
    for (const match of target.matchAll(variableRegex)) {
      const name = match[1] || match[2] || match[4];
      if (this.getVariable(name) || name.startsWith('__')) {
        return true;
      }
    }
    return false;
  }

  /** The variable's value as Grafana sees it: All expands to allValue or every option. */
  private currentValue(variable: PreviewVariable): { value: string | string[]; isAllWithCustomValue: boolean } {
    const value = variable.current.value;
    const isAll = value === ALL_VALUE || (Array.isArray(value) && value[0] === ALL_VALUE);
    if (!isAll) {
      return { value, isAllWithCustomValue: false };
    }
    if (variable.allValue) {
      return { value: variable.allValue, isAllWithCustomValue: true };
    }
    return {
      value: variable.options.filter((o) => o.value !== ALL_VALUE).map((o) => o.value),
      isAllWithCustomValue: false,
    };
  }

  private builtIn(name: string, format: string | Formatter | undefined): string | undefined {
    const range = this.timeRange;
    switch (name) {
      case '__from':
        return range ? formatTime(range.from.valueOf(), format) : undefined;
      case '__to':
        return range ? formatTime(range.to.valueOf(), format) : undefined;
      case '__timezone':
        return 'browser';
      case '__url_time_range':
        return range ? urlTimeRange(range) : undefined;
      case '__all_variables':
        return this.allVariablesForUrl();
      case '__dashboard':
        return document.title;
      default:
        return undefined;
    }
  }

  /** Grafana's ${__all_variables}: var-<name>=<value> for each value of each variable (All as $__all). */
  private allVariablesForUrl(): string {
    return this.variables
      .flatMap((v) => {
        const value = v.current.value;
        return (Array.isArray(value) ? value : [value]).map((one) => `var-${encodeURIComponent(v.name)}=${encodeURIComponent(one)}`);
      })
      .join('&');
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: string | Formatter): string {
    if (!target) {
      return target ?? '';
    }
    return target.replace(variableRegex, (match, var1, var2, fmt2, var3, fieldPath, fmt3) => {
      const name: string = var1 || var2 || var3;
      const fmt: string | Formatter | undefined = fmt2 || fmt3 || format;
      const scoped = scopedVars?.[name];
      if (scoped) {
        let value = scoped.value as unknown;
        if (fieldPath && value && typeof value === 'object') {
          for (const key of String(fieldPath).split('.')) {
            value = (value as Record<string, unknown> | undefined)?.[key];
          }
        }
        if (value === undefined || value === null) {
          return match;
        }
        const plain = Array.isArray(value) ? value.map(String) : typeof value === 'object' ? JSON.stringify(value) : String(value);
        return formatValue(plain, fmt === 'text' ? 'raw' : fmt);
      }
      const builtIn = this.builtIn(name, fmt);
      if (builtIn !== undefined) {
        return builtIn;
      }
      const variable = this.getVariable(name);
      if (!variable) {
        return match;
      }
      if (fmt === 'text') {
        const text = variable.current.text;
        return Array.isArray(text) ? text.join(' + ') : text;
      }
      const { value, isAllWithCustomValue } = this.currentValue(variable);
      if (isAllWithCustomValue && typeof fmt === 'function') {
        // Like Grafana: a custom all value is used as is (e.g. `.*`), not escaped.
        return value as string;
      }
      return formatValue(value, fmt, variable);
    });
  }
}

/** Grafana's ${__url_time_range}: from=&to= as the URL has them, relative (now-6h) or epoch ms. */
export function urlTimeRange(range: TimeRange): string {
  const raw = (value: unknown, resolved: number) => (typeof value === 'string' ? value : String(resolved));
  return `from=${encodeURIComponent(raw(range.raw.from, range.from.valueOf()))}&to=${encodeURIComponent(raw(range.raw.to, range.to.valueOf()))}`;
}

function formatTime(ms: number, format: string | Formatter | undefined): string {
  if (format === 'date' || format === 'date:iso') {
    return new Date(ms).toISOString();
  }
  if (format === 'date:seconds') {
    return String(Math.floor(ms / 1000));
  }
  return String(ms);
}
