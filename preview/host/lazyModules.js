// Shared modules loaded on first use. Plain JS: several of these packages ship no types, and the
// host only hands the module objects to plugins (types in lazyModules.d.ts).
export const lazyImports = {
  '@grafana/data/unstable': () => import('@grafana/data/unstable'),
  '@grafana/runtime/unstable': () => import('@grafana/runtime/unstable'),
  '@grafana/ui/unstable': () => import('@grafana/ui/unstable'),
  '@grafana/slate-react': () => import('slate-react'),
  d3: () => import('d3'),
  jquery: () => import('jquery'),
  prismjs: () => import('prismjs'),
  'react-redux': () => import('react-redux'),
  redux: () => import('redux'),
  // Grafana 12 exposes react-router v6 (through the v5-compat package) as 'react-router'.
  'react-router': () => import('react-router-dom-v5-compat'),
  'react-router-dom': () => import('react-router-dom'),
  slate: () => import('slate'),
  'slate-plain-serializer': () => import('slate-plain-serializer'),
};
