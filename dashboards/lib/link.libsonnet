// Links: dashboard links (top bar, dashboard.links) and panel links (panel.links).
{
  // Dropdown of every dashboard carrying all of `tags`, keeping the time range and variables.
  dashboards(title, tags, asDropdown=true, includeVars=true, keepTime=true):: {
    type: 'dashboards',
    title: title,
    tags: tags,
    asDropdown: asDropdown,
    includeVars: includeVars,
    keepTime: keepTime,
    targetBlank: false,
    icon: 'external link',
    tooltip: '',
    url: '',
  },

  // A plain link in the top bar.
  url(title, url, tooltip='', icon='external link', includeVars=false, keepTime=false, targetBlank=false):: {
    type: 'link',
    title: title,
    url: url,
    tooltip: tooltip,
    icon: icon,
    includeVars: includeVars,
    keepTime: keepTime,
    targetBlank: targetBlank,
    asDropdown: false,
    tags: [],
  },

  // A top-bar link to another dashboard by uid, keeping time range and variables.
  dashboard(title, uid, tooltip='')::
    self.url(title, '/d/' + uid, tooltip=tooltip, icon='dashboard', includeVars=true, keepTime=true),

  // A link in a panel's header menu (runbooks, related dashboards).
  panel(title, url, targetBlank=true):: { title: title, url: url, targetBlank: targetBlank },

  // A panel link to another dashboard by uid, keeping time range and variables.
  panelDashboard(title, uid)::
    self.panel(title, '/d/' + uid + '?${__url_time_range}&${__all_variables}', targetBlank=false),
}
