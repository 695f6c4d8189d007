// Vector selectors from settings (`http_requests_total`, `http_requests_total{job="web"}`) and
// extra matchers added to them. A selector from settings is checked to be one plain selector (a
// metric name and/or a `{…}` matcher list, nothing after it), so it can be wrapped in functions
// safely: `sum(increase(<selector>[5m]))`.
import { isMetricName } from './escape';

export interface ParsedSelector {
  metric: string;
  /** The matchers between the braces, as written (may be empty). */
  matchers: string;
}

/** Index of the `}` closing the `{` at `open`, skipping quoted strings; -1 when unbalanced. */
function closingBrace(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const quote = c;
      i++;
      while (i < text.length && text[i] !== quote) {
        if (text[i] === '\\' && quote !== '`') {
          i++;
        }
        i++;
      }
      if (i >= text.length) {
        return -1;
      }
      continue;
    }
    if (c === '{') {
      return -1;
    }
    if (c === '}') {
      return i;
    }
  }
  return -1;
}

/** Parses one vector selector, or returns a message saying what is wrong with it. */
export function parseSelector(text: string): ParsedSelector | { error: string } {
  const s = text.trim();
  if (s === '') {
    return { error: 'selector is empty' };
  }
  const brace = s.indexOf('{');
  const metric = (brace < 0 ? s : s.slice(0, brace)).trim();
  if (metric !== '' && !isMetricName(metric)) {
    return { error: `"${metric}" is not a metric name (a selector such as http_requests_total{job="web"} is expected)` };
  }
  if (brace < 0) {
    return { metric, matchers: '' };
  }
  const close = closingBrace(s, brace);
  if (close < 0) {
    return { error: 'unbalanced braces or quotes in the selector' };
  }
  if (s.slice(close + 1).trim() !== '') {
    return { error: `unexpected text after the selector: "${s.slice(close + 1).trim()}" (only a metric name and {matchers} are allowed)` };
  }
  const matchers = s.slice(brace + 1, close).trim().replace(/,\s*$/, '');
  if (metric === '' && matchers === '') {
    return { error: 'selector has neither a metric name nor matchers' };
  }
  return { metric, matchers };
}

/** The selector with extra matchers (nulls skipped) appended inside its braces. */
export function withMatchers(selector: ParsedSelector, extra: ReadonlyArray<string | null | undefined>): string {
  const all = [selector.matchers, ...extra.filter((m): m is string => !!m)].filter((m) => m !== '');
  return `${selector.metric}${all.length ? `{${all.join(', ')}}` : ''}`;
}
