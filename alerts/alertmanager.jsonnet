// Example Alertmanager configuration for on-call, generated from the same _config as the rules
// (teams, severities, burn-rate tiers), so routes and inhibitions always match the pack.
// Rendered to alertmanager.yml by render.sh. To point the webhooks elsewhere:
//   jsonnet -J alerts --tla-str webhookBaseURL=http://127.0.0.1:PORT alerts/alertmanager.jsonnet
// (JSON output, which Alertmanager reads as YAML). No secrets: receivers are plain webhooks.
function(webhookBaseURL='http://127.0.0.1:19101', config={})
  local c = ((import 'config.libsonnet') + { _config+:: config })._config;
  local u = import 'lib/utils.libsonnet';
  local sev = c.severities;
  local teams = std.set(std.objectValues(c.teams));
  local tiers = u.tiers(c.slo.burnRateTiers);
  local tierNames = [t.name for t in tiers];
  // The SLO specs with every default filled in (their tiers fastest first), as the rules pack has them.
  local specs = ((import 'mixin.libsonnet') + { _config+:: config }).sloSpecsResolved;
  // A spec whose tiers are all tiers of the pack, in the pack's order, is covered by the pack's
  // tier inhibitions; one that adds a tier or reorders them (a retuned factor) gets its own.
  local followsPackTiers(s) =
    local names = [t.name for t in s.tiers];
    names == [n for n in tierNames if std.member(names, n)];
  local ownTierOrder = [s for s in specs if !followsPackTiers(s)];
  local notOwnOrder = if ownTierOrder == [] then [] else ['slo!~"' + std.join('|', [s.name for s in ownTierOrder]) + '"'];
  // A faster burn-rate tier silences the slower ones of the same SLO and service.
  local tierInhibitions(names, matchers) = [
    {
      source_matchers: matchers + ['slo_tier="' + names[i] + '"'],
      target_matchers: matchers + ['slo_tier=~"' + std.join('|', names[i + 1:]) + '"'],
      equal: ['alertname', c.clusterLabel, 'namespace', 'service', 'slo'],
    }
    for i in std.range(0, std.length(names) - 2)
  ];
  // SLO specs may repeat, more precisely, what the pack's default SLO of the same service says
  // (alerts/slos.yaml has web's API and checkout availability, and its 500 ms latency limit):
  // with `slo.specsSilenceDefault`, a spec's page silences the default SLO's alerts of the same
  // SLI kind on the same service, and a spec's ticket the default's tickets: one incident, one
  // page, from the most specific SLO.
  local specKinds = std.set([s.sli.kind for s in specs]);
  local defaultAlerts = { availability: ['HeadroomErrorBudgetBurn', 'HeadroomServiceOutage'], latency: ['HeadroomLatencyBudgetBurn'] };
  local specOverDefault(kind, sourceSeverity, targetSeverities) = {
    source_matchers: ['alertname=~"HeadroomSLOBurn|HeadroomSLOOutage"', 'sli="' + kind + '"', 'severity="' + sourceSeverity + '"'],
    target_matchers: ['alertname=~"' + std.join('|', defaultAlerts[kind]) + '"', 'severity=~"' + std.join('|', targetSeverities) + '"'],
    equal: [c.clusterLabel, 'namespace', 'service'],
  };
  // Labels that identify "the same thing" for inhibition (absent labels count as equal): every
  // label that tells two instances of an alert apart, so one cache, replication channel or
  // thread never hides another (alerts/lint/routes.mjs checks this against the route cases).
  local sameThing = [
    'alertname',
    c.clusterLabel,
    'namespace',
    'service',
    'job',
    'instance',
    'horizontalpodautoscaler',
    'slo',
    'cache_kind',
    'cache',
    'master_host',
    'channel_name',
    'thread',
    'engine',
    // an application's connection pool (HeadroomConnectionPoolHigh)
    'pool',
    'metric',
    'budget_group',
    'monthly_budget',
    'forecast',
    'window',
  ];
  local pageTiming = { group_wait: '10s', group_interval: '5m', repeat_interval: '1h' };
  local webhook(name) = {
    name: name,
    webhook_configs: [{ url: webhookBaseURL + '/' + name, send_resolved: true }],
  };
  local teamRoutes(kind) = [
    { matchers: [c.teamLabel + '="' + t + '"'], receiver: kind + '-' + t }
    for t in teams
  ];

  {
    global: { resolve_timeout: '5m' },

    route: {
      // Anything that matches no route below pages (see the catch-all route at the end): an
      // alert whose severity is missing or misspelt must never end up silently as a ticket.
      receiver: 'page-default',
      group_by: ['alertname', c.clusterLabel, 'namespace', 'service'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '12h',
      routes: [
        {
          // Dead man's switch: the heartbeat receiver expects this every minute.
          matchers: ['alertname="' + c.watchdogAlertName + '"'],
          receiver: 'heartbeat',
          group_by: ['alertname', c.clusterLabel],
          group_wait: '0s',
          group_interval: '1m',
          repeat_interval: '1m',
        },
        {
          // Pages: wake someone up, remind hourly while it lasts.
          matchers: ['severity="' + sev.page + '"'],
          receiver: 'page-default',
          routes: teamRoutes('page'),
        } + pageTiming,
        {
          // Tickets: next working day, remind twice a day.
          matchers: ['severity="' + sev.ticket + '"'],
          receiver: 'ticket-default',
          group_wait: '1m',
          group_interval: '10m',
          repeat_interval: '12h',
          routes: teamRoutes('ticket'),
        },
        {
          // Info: a feed, no reminders within the day.
          matchers: ['severity="' + sev.info + '"'],
          receiver: 'info',
          group_wait: '5m',
          group_interval: '30m',
          repeat_interval: '24h',
        },
        {
          // Catch-all: a severity that is none of the three exactly (`page`, `Critical`, `error`,
          // or none at all) pages the owning team, like a critical alert.
          receiver: 'page-default',
          routes: teamRoutes('page'),
        } + pageTiming,
      ],
    },

    inhibit_rules: [
                     {
                       // A page silences the warning and info of the same alert on the same thing.
                       source_matchers: ['severity="' + sev.page + '"'],
                       target_matchers: ['severity=~"' + sev.ticket + '|' + sev.info + '"'],
                       equal: sameThing,
                     },
                     {
                       source_matchers: ['severity="' + sev.ticket + '"'],
                       target_matchers: ['severity="' + sev.info + '"'],
                       equal: sameThing,
                     },
                   ] + (if std.get(c.slo, 'outage', null) == null then [] else [
                          {
                            // A (near-)total outage page silences the burn-rate alerts of the same service.
                            source_matchers: ['alertname="HeadroomServiceOutage"'],
                            target_matchers: ['alertname="HeadroomErrorBudgetBurn"'],
                            equal: [c.clusterLabel, 'namespace', 'service', 'slo'],
                          },
                        ]) + [
                     {
                       // An SLO spec's outage page silences the burn-rate alerts of the same SLO and service.
                       source_matchers: ['alertname="HeadroomSLOOutage"'],
                       target_matchers: ['alertname="HeadroomSLOBurn"'],
                       equal: [c.clusterLabel, 'namespace', 'service', 'slo'],
                     },
                   ] + tierInhibitions(tierNames, notOwnOrder)
                   + std.flattenArrays([tierInhibitions([t.name for t in s.tiers], ['slo="' + s.name + '"']) for s in ownTierOrder])
                   + (if !std.get(c.slo, 'specsSilenceDefault', true) then [] else std.flattenArrays([
                        [
                          specOverDefault(kind, sev.page, [sev.page, sev.ticket, sev.info]),
                          specOverDefault(kind, sev.ticket, [sev.ticket, sev.info]),
                        ]
                        for kind in specKinds
                      ])),

    receivers: [webhook('heartbeat'), webhook('info'), webhook('page-default'), webhook('ticket-default')]
               + [webhook('page-' + t) for t in teams]
               + [webhook('ticket-' + t) for t in teams],
  }
