/** @jest-environment node */
import yaml from 'js-yaml';
import { loadConfig, StackError } from '../config';
import { exporterJobs, prometheusYaml } from '../configs';
import { ENGINE_LABEL, scrapeYaml, vmalertArgs, vmPorts, withoutFileSdRefresh } from './victoriametrics';

describe('the second engine', () => {
  it('scrapes the simulator, the forecast exporter, the data tier and the live part with exactly the scrape jobs and interval of the stack Prometheus', () => {
    const cfg = loadConfig({ HEADROOM_SIMULATOR_PORT: '20100', PATH: '' });
    const prom = yaml.load(prometheusYaml(cfg, [])) as { global: Record<string, string>; scrape_configs: Record<string, unknown>[] };
    const vm = yaml.load(scrapeYaml('127.0.0.1:20100', exporterJobs(cfg))) as { global: Record<string, string>; scrape_configs: Record<string, unknown>[] };
    // but for file_sd's refresh_interval, which VictoriaMetrics refuses (it has -promscrape.fileSDCheckInterval)
    expect(vm.scrape_configs).toEqual(prom.scrape_configs.map(withoutFileSdRefresh));
    expect(JSON.stringify(vm.scrape_configs)).not.toContain('refresh_interval');
    expect(vm.scrape_configs.map((j) => j.job_name)).toContain('headroom-live-web');
    expect(vm.global.scrape_interval).toBe(prom.global.scrape_interval);
  });

  it('gives vmalert the rule files as they are, the Alertmanager, and its engine label', () => {
    const args = vmalertArgs({ vmUrl: 'http://127.0.0.1:1', vmalertPort: 2, alertmanager: 'http://127.0.0.1:3', ruleFiles: ['/s/rules.yaml', '/s/alerts.yaml'] });
    expect(args.filter((a) => a.startsWith('-rule='))).toEqual(['-rule=/s/rules.yaml', '-rule=/s/alerts.yaml']);
    expect(args).toContain('-notifier.url=http://127.0.0.1:3');
    expect(args).toContain(`-external.label=engine=${ENGINE_LABEL.engine}`);
    expect(args).toContain('-remoteWrite.url=http://127.0.0.1:1');
  });

  it('reads its ports from the environment, with one clear error for a bad one', () => {
    expect(vmPorts({})).toEqual({ vm: 19428, vmalert: 19880 });
    expect(vmPorts({ HEADROOM_VM_PORT: '25428', HEADROOM_VMALERT_PORT: '25880' })).toEqual({ vm: 25428, vmalert: 25880 });
    expect(() => vmPorts({ HEADROOM_VM_PORT: '70000' })).toThrow(new StackError('HEADROOM_VM_PORT=70000 is not a port number (1-65535).'));
  });
});
