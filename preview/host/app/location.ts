// URL state the way Grafana keeps it: from/to (now-6h, epoch ms, ISO), refresh, theme, var-<name>,
// read and written through @grafana/runtime's locationService.
import { useEffect, useMemo, useState } from 'react';
import { dateMath, dateTime, DateTime, isDateTime, rangeUtil, RawTimeRange, TimeRange } from '@grafana/data';
import { locationService } from '@grafana/runtime';

export function useLocation() {
  const [location, setLocation] = useState(() => locationService.getLocation());
  useEffect(() => {
    const sub = locationService.getLocationObservable().subscribe(setLocation);
    return () => sub.unsubscribe();
  }, []);
  return location;
}

export function useSearchParams(): URLSearchParams {
  const location = useLocation();
  return useMemo(() => new URLSearchParams(location.search), [location.search]);
}

function parseTime(raw: string, roundUp: boolean): DateTime {
  if (/^\d+$/.test(raw)) {
    return dateTime(Number(raw));
  }
  const parsed = dateMath.parse(raw, roundUp);
  if (!parsed || !parsed.isValid()) {
    throw new Error(`Invalid time: ${raw}`);
  }
  return parsed;
}

export function toTimeRange(raw: RawTimeRange): TimeRange {
  const from = isDateTime(raw.from) ? raw.from : parseTime(raw.from, false);
  const to = isDateTime(raw.to) ? raw.to : parseTime(raw.to, true);
  return { from, to, raw };
}

/** The time range from the URL (default: the dashboard's, else the last 6 hours), recomputed on refresh. */
export function useTimeRange(defaults: { from: string; to: string } | undefined, refreshCounter: number) {
  const search = useSearchParams();
  const rawFrom = search.get('from') ?? defaults?.from ?? 'now-6h';
  const rawTo = search.get('to') ?? defaults?.to ?? 'now';
  return useMemo(() => {
    try {
      return { timeRange: toTimeRange({ from: rawFrom, to: rawTo }), error: undefined };
    } catch (err) {
      return { timeRange: toTimeRange({ from: 'now-6h', to: 'now' }), error: err instanceof Error ? err.message : String(err) };
    }
    // refreshCounter: "now" moves on refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rawFrom, rawTo, refreshCounter]);
}

export function setTimeRangeParams(raw: { from: string | DateTime; to: string | DateTime }): void {
  const value = (v: string | DateTime) => (isDateTime(v) ? String(v.valueOf()) : v);
  locationService.partial({ from: value(raw.from), to: value(raw.to) });
}

/** Shifts (direction -1/+1) or zooms out (direction 0) the range like Grafana's time picker. */
export function shiftTimeRange(range: TimeRange, direction: -1 | 0 | 1): void {
  const from = range.from.valueOf();
  const to = range.to.valueOf();
  const span = to - from;
  if (direction === 0) {
    setTimeRangeParams({ from: String(Math.round(from - span / 2)), to: String(Math.round(to + span / 2)) });
  } else {
    const step = (span / 2) * direction;
    setTimeRangeParams({ from: String(Math.round(from + step)), to: String(Math.round(to + step)) });
  }
}

export function refreshIntervalMs(value: string | null | undefined): number | undefined {
  if (!value) {
    return undefined;
  }
  try {
    const ms = rangeUtil.intervalToMs(value);
    return ms >= 5000 ? ms : undefined;
  } catch {
    return undefined;
  }
}
