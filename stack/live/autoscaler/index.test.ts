/** @jest-environment node */
import { liveScrapeJobs } from './index';

test('liveScrapeJobs: the autoscaler with honor_labels and cluster="demo", the replicas through file_sd as service "web"', () => {
  const jobs = liveScrapeJobs('/tmp/state-x', { HEADROOM_AUTOSCALER_PORT: '32081' });
  expect(jobs).toEqual([
    { job_name: 'headroom-live-autoscaler', honor_labels: true, static_configs: [{ targets: ['127.0.0.1:32081'], labels: { cluster: 'demo', instance: 'live-autoscaler' } }] },
    {
      job_name: 'headroom-live-web',
      file_sd_configs: [{ files: ['/tmp/state-x/live/replicas.json'], refresh_interval: '5s' }],
      relabel_configs: [{ target_label: 'service', replacement: 'web' }],
    },
  ]);
});
