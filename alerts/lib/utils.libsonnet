// Small helpers shared by the rule and alert builders.
{
  // Join label matchers, dropping empty ones: sel(['a="1"', '', 'b!=""']) == 'a="1", b!=""'.
  sel(parts):: std.join(', ', std.filter(function(p) p != '', parts)),

  // Labels to aggregate by: the cluster label first, then the given ones (deduplicated).
  by(clusterLabel, labels):: std.join(', ', [clusterLabel] + std.filter(function(l) l != clusterLabel, labels)),

  // Named substitution, like `tpl % vals` for %(key)s and %%, but fast: the C++ jsonnet's
  // std.format is interpreted and takes tens of milliseconds per long template.
  fmt(tpl, vals)::
    std.strReplace(
      std.foldl(function(acc, k) std.strReplace(acc, '%(' + k + ')s', std.toString(vals[k])), std.objectFields(vals), tpl),
      '%%',
      '%',
    ),

  // A number as PromQL writes it (no float noise): num(1 - 0.999) == '0.001'.
  num(x):: std.format('%g', x),

  // Prometheus duration string to seconds ('1h' -> 3600). Supports s, m, h, d, w.
  seconds(d)::
    local unit = d[std.length(d) - 1];
    local n = std.parseInt(d[0:std.length(d) - 1]);
    n * { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[unit],

  // Enabled tiers (null entries removed), fastest (highest factor) first.
  tiers(tierObj)::
    local names = std.filter(function(k) tierObj[k] != null, std.objectFields(tierObj));
    std.sort(
      [tierObj[k] { name: k } for k in names],
      function(t) -t.factor,
    ),

  // Every window the SLO recording rules need: both windows of each tier, plus 5m for dashboards.
  sloWindows(tierObj)::
    local ws = std.set(['5m'] + std.flattenArrays([[t.longWindow, t.shortWindow] for t in self.tiers(tierObj)]), $.seconds);
    ws,

  // Template for the location of a series in descriptions.
  where(clusterLabel):: 'cluster {{ $labels.' + clusterLabel + ' }}',
}
