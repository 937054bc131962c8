// Builds ../../generator/assets/vendor/plotly/plotly-sebar.min.js and copies plotly.js's LICENSE and its
// stylesheet (plotly.css: with it plotly.js adds no inline <style>, which the site's CSP forbids).
// Run: cd tools/plotly && npm ci && node build.mjs. The output is committed: a site build needs no network.
import { build } from 'esbuild';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { offline } from './offline.mjs';

const out = new URL('../../generator/assets/vendor/plotly/', import.meta.url);
const version = JSON.parse(readFileSync(new URL('node_modules/plotly.js/package.json', import.meta.url))).version;

await build({
    entryPoints: [new URL('entry.js', import.meta.url).pathname],
    outfile: new URL('plotly-sebar.min.js', out).pathname,
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    legalComments: 'none',
    banner: { js: `/* plotly.js v${version} (MIT, see LICENSE): partial bundle for Sebar (bar, scatter, pie, choropleth; locale id) */` },
    alias: { stream: 'stream-browserify' },
    define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    loader: { '.css': 'empty' }, // maplibre's stylesheet: our traces draw no tile maps
    target: 'es2016',
    logLevel: 'info'
});
const bundle = new URL('plotly-sebar.min.js', out);
writeFileSync(bundle, offline(readFileSync(bundle, 'utf8')));
copyFileSync(new URL('node_modules/plotly.js/LICENSE', import.meta.url), new URL('LICENSE', out));
copyFileSync(new URL('node_modules/plotly.js/dist/plotly.css', import.meta.url), new URL('plotly.css', out));
