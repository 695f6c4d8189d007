import { AppPlugin } from '@grafana/data';
import { AppConfig } from './AppConfig';

export const plugin = new AppPlugin<{}>().addConfigPage({
  title: 'Headroom',
  icon: 'info-circle',
  body: AppConfig,
  id: 'headroom',
});
