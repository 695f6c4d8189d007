// Headroom's small Grafana dashboard library (instead of grafonnet, which cannot be fetched
// here). One import gives every part:
//
//   local g = import 'lib/g.libsonnet';
//   g.dashboard.new('My dashboard', 'my-uid', tags=['headroom'])
//   + g.dashboard.withVariables([g.variable.datasource('datasource', 'prometheus')])
//   + g.dashboard.withPanels([
//     g.panel.row('Traffic'),
//     g.panel.timeseries('Requests', unit='reqps')
//     + g.panel.withTargets([g.target.prometheus('sum(rate(http_requests_total[5m]))')]),
//   ])
//
// Tests: `jsonnet dashboards/lib/lib_test.jsonnet`.
{
  dashboard:: import 'dashboard.libsonnet',
  panel:: import 'panel.libsonnet',
  target:: import 'target.libsonnet',
  datasource:: self.target.datasource,
  variable:: import 'variable.libsonnet',
  link:: import 'link.libsonnet',
  grid:: import 'grid.libsonnet',
}
