// The checks themselves must be able to fail: a broken plugin.json and a bundle that needs a
// module Grafana does not provide are both reported.
import { checkAmdBundle, grafanaProvidedModules } from './amdBundle';
import { PLUGIN_SCHEMA, pluginJsonValidator } from './pluginManifest';
import { describeWithShared } from '../shared';

const validManifest = () => ({
  id: 'headroom-latency-panel',
  type: 'panel',
  name: 'Headroom Latency Distribution',
  info: {
    keywords: ['latency'],
    logos: { small: 'img/logo.svg', large: 'img/logo.svg' },
    version: '0.1.0',
    updated: '2026-11-22',
  },
  dependencies: { grafanaDependency: '>=12.0.0', plugins: [] },
});

describeWithShared("plugin.json validation against Grafana's schema", [PLUGIN_SCHEMA], () => {
  let validate: (manifest: unknown) => string[];
  beforeAll(() => {
    validate = pluginJsonValidator();
  });

  it('accepts a well-formed panel manifest', () => {
    expect(validate(validManifest())).toEqual([]);
  });

  it('rejects a manifest without logos, with a bad id and an unknown type', () => {
    const broken = validManifest() as Record<string, unknown> & { info: Record<string, unknown> };
    delete broken.info.logos;
    broken.id = 'Headroom Latency';
    broken.type = 'widget';
    const errors = validate(broken);
    expect(errors.join('\n')).toMatch(/logos/);
    expect(errors.join('\n')).toMatch(/\/id/);
    expect(errors.join('\n')).toMatch(/\/type/);
  });
});

describe('AMD bundle check', () => {
  const provided = grafanaProvidedModules();

  it('accepts a define() of provided modules', () => {
    const report = checkAmdBundle('define(["react","@grafana/data"],(a,b)=>({}));', provided);
    expect(report).toEqual({ dependencies: ['react', '@grafana/data'], problems: [] });
  });

  it('reports a dependency Grafana does not provide', () => {
    const report = checkAmdBundle('/*! licence */\ndefine(["react","left-pad"],(a,b)=>({}));', provided);
    expect(report.problems).toEqual(['needs "left-pad", which Grafana does not provide to plugins']);
  });

  it('reports a bundle that is not AMD, and one that evaluates strings', () => {
    expect(checkAmdBundle('System.register([], function(){})', provided).problems[0]).toMatch(/not an AMD module/);
    const report = checkAmdBundle('define([],()=>{ return new Function("x", "return x"); eval("1") });', provided);
    expect(report.problems).toEqual(['calls eval(', 'calls new Function(']);
  });
});
