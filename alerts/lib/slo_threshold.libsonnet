// The `le` label of a latency SLO's threshold: the declared bucket boundary (as the exporter
// writes it, e.g. '0.5') whose value equals thresholdSeconds. The threshold is the one fact; a
// threshold between boundaries is a render error that names the SLO and the nearest boundaries
// (below and above; only one of them beyond either end of the buckets).
local u = import 'utils.libsonnet';

function(slo, thresholdSeconds, buckets)
  local matches = [b for b in buckets if std.parseJson(b) == thresholdSeconds];
  local below = [b for b in buckets if std.parseJson(b) < thresholdSeconds];
  local above = [b for b in buckets if std.parseJson(b) > thresholdSeconds];
  local nearest =
    (if std.length(below) > 0 then [below[std.length(below) - 1]] else [])
    + (if std.length(above) > 0 then [above[0]] else []);
  if std.length(matches) > 0 then matches[0]
  else error 'SLO ' + slo + ': latency threshold ' + u.num(thresholdSeconds)
             + ' s is not a bucket boundary of the histogram; nearest boundaries: '
             + std.join(', ', nearest)
