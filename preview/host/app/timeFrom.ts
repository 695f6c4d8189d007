// A panel's own relative time range ("Relative time" in Grafana's query options, `timeFrom` in the
// panel JSON, e.g. "30d"): the panel queries and draws now-30d to now, whatever the dashboard's
// range is, as Grafana's applyPanelTimeOverrides does. Edge cases: none or an unreadable value →
// the dashboard's range.
import { dateMath, rangeUtil, TimeRange } from '@grafana/data';

export function applyTimeFrom(range: TimeRange, timeFrom: string | null | undefined): TimeRange {
  const text = (timeFrom ?? '').trim();
  if (!text) {
    return range;
  }
  const raw = rangeUtil.describeTextRange(/^now/.test(text) ? text : `now-${text}`);
  const from = dateMath.parse(raw.from);
  const to = dateMath.parse(raw.to, true);
  if (!from?.isValid() || !to?.isValid()) {
    return range;
  }
  return { from, to, raw: { from: raw.from, to: raw.to } };
}
