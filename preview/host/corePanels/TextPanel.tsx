// Grafana's "text" panel: variables interpolated (the panel's replaceVariables, so the built-ins
// ${__url_time_range} and ${__all_variables} too), markdown rendered by @grafana/data's
// renderTextPanelMarkdown (sanitised) and shown through @grafana/ui's RenderUserContentAsHTML
// (which sanitises again), as Grafana's TextPanel does. Links to the preview's own pages navigate
// in the app; others open as links do.
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, renderTextPanelMarkdown } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { RenderUserContentAsHTML, useStyles2 } from '@grafana/ui';
import { CorePanelProps } from './types';

interface TextOptions {
  mode?: 'markdown' | 'html' | 'code';
  content?: string;
}

const getStyles = (theme: GrafanaTheme2) => ({
  text: css({
    height: '100%',
    overflow: 'auto',
    padding: theme.spacing(0, 1),
    'ul, ol': { paddingLeft: theme.spacing(3), margin: theme.spacing(1, 0) },
    p: { margin: theme.spacing(0, 0, 1) },
    a: { color: theme.colors.text.link, textDecoration: 'underline' },
    code: { fontFamily: theme.typography.fontFamilyMonospace, background: theme.colors.background.secondary, padding: '0 4px' },
  }),
});

/** A click on a same-origin link goes through the app's router (no reload), like Grafana's links. */
function navigateInApp(event: React.MouseEvent) {
  const anchor = (event.target as HTMLElement).closest('a');
  const href = anchor?.getAttribute('href');
  if (!anchor || !href || anchor.target === '_blank' || event.ctrlKey || event.metaKey || event.shiftKey) {
    return;
  }
  const url = new URL(href, window.location.href);
  if (url.origin === window.location.origin) {
    event.preventDefault();
    locationService.push(url.pathname + url.search + url.hash);
  }
}

export function TextPanel({ options, replaceVariables }: CorePanelProps<TextOptions>) {
  const styles = useStyles2(getStyles);
  const content = replaceVariables(options.content ?? '');
  if (options.mode === 'code') {
    return <pre className={styles.text}>{content}</pre>;
  }
  const html = options.mode === 'html' ? content : renderTextPanelMarkdown(content);
  return (
    <div className={styles.text} onClick={navigateInApp} data-testid="preview-text-panel">
      <RenderUserContentAsHTML component="div" content={html} />
    </div>
  );
}
