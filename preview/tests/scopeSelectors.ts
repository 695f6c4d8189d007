// Adds a label matcher to the selectors of chosen metric families in a PromQL expression, found
// with Prometheus' own grammar (@prometheus-io/lezer-promql), so hand-written raw computations can
// be narrowed to one namespace without writing each of them twice.
import { parser } from '@prometheus-io/lezer-promql';

/**
 * `expr` with `matcher` (e.g. `namespace="demo"`) added to every vector selector whose metric name
 * matches `family`. Selectors of other metrics, function names and label names are left alone.
 * Edge cases: `m{}` gets `m{matcher}`; `m` gets `m{matcher}`; a selector without a metric name
 * (`{__name__=~"..."}`) is not touched; an expression that does not parse is an error.
 */
export function withMatcher(expr: string, matcher: string, family: RegExp): string {
  const tree = parser.parse(expr);
  const edits: Array<{ at: number; text: string }> = [];
  let broken = false;
  tree.iterate({
    enter(node) {
      if (node.type.isError) broken = true;
      if (node.name !== 'VectorSelector') return;
      const name = node.node.getChild('Identifier');
      if (!name || !family.test(expr.slice(name.from, name.to))) return;
      const matchers = node.node.getChild('LabelMatchers');
      if (!matchers) edits.push({ at: name.to, text: `{${matcher}}` });
      else edits.push({ at: matchers.from + 1, text: matchers.to - matchers.from > 2 ? `${matcher}, ` : matcher });
    },
  });
  if (broken) throw new Error(`withMatcher: not PromQL: ${expr}`);
  let out = expr;
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.text + out.slice(e.at);
  return out;
}

/** The metric families that carry a Kubernetes namespace (the service's, cAdvisor's and kube-state-metrics'). */
export const NAMESPACED = /^(http_|kube_horizontalpodautoscaler_|kube_pod_|container_|namespace_service)/;

/** The simulated history's namespace: the live part (namespace live) has the same service names. */
export const DEMO = 'demo';

/** `expr` narrowed to the simulated history's namespace. */
export const inDemo = (expr: string): string => withMatcher(expr, `namespace="${DEMO}"`, NAMESPACED);
