// One webpack config for every plugin, following @grafana/create-plugin's conventions: SWC,
// one AMD module.js per plugin, Grafana's shared modules external (build/grafana-externals.json).
import fs from 'node:fs';
import path from 'node:path';
import { listAllPlugins, repoRoot } from './plugins.mjs';

const { modules: provided, subpathPrefixes } = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'build/grafana-externals.json'), 'utf8')
);

/** Marks Grafana-provided modules (and their subpaths, e.g. @grafana/ui/...) as AMD externals. */
function grafanaExternals({ request }, callback) {
  const isProvided =
    provided.includes(request) || subpathPrefixes.some((name) => request.startsWith(`${name}/`));
  if (isProvided && request !== 'module') {
    return callback(null, request);
  }
  return callback();
}

export default (env = {}) => {
  const production = !env.development;
  const plugins = listAllPlugins();
  return {
    mode: production ? 'production' : 'development',
    context: repoRoot,
    target: 'web',
    devtool: production ? 'source-map' : 'eval-source-map',
    entry: Object.fromEntries(plugins.map((p) => [`${p.id}/module`, p.entry])),
    output: {
      path: path.join(repoRoot, 'dist'),
      filename: '[name].js',
      library: { type: 'amd' },
      publicPath: 'auto',
      clean: false,
      uniqueName: 'headroom',
    },
    externals: [{ 'amd-module': 'module' }, grafanaExternals],
    resolve: {
      extensions: ['.tsx', '.ts', '.js', '.mjs'],
    },
    module: {
      rules: [
        {
          test: /\.[tj]sx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                target: 'es2018',
                parser: { syntax: 'typescript', tsx: true, decorators: false },
                transform: { react: { runtime: 'automatic' } },
              },
            },
          },
        },
        { test: /\.svg$/, type: 'asset/resource', generator: { filename: 'img/[name][ext]' } },
      ],
    },
    optimization: {
      splitChunks: false,
      runtimeChunk: false,
      minimize: production,
    },
    performance: { hints: false },
    stats: 'errors-warnings',
  };
};
