// The site works offline: no URL in the bundle may point outside it. plotly.js carries three defaults
// that would load from the internet (topojsonURL -> cdn.plot.ly, plotlyServerURL -> cloud.plotly.com,
// the logo's link -> plotly.com) and links in attribute descriptions; the defaults become the site's
// own topojson folder or nothing, the links are dropped. XML namespace names (www.w3.org/2000/svg ...)
// stay: they are identifiers, never fetched. Run by build.mjs; `node offline.mjs FILE` rewrites FILE.
import { readFileSync, writeFileSync } from 'node:fs';

const NAMESPACE = /^http:\/\/www\.w3\.org\/(2000\/svg|2000\/xmlns\/|1999\/xlink|1999\/xhtml|XML\/1998\/namespace)$/;

export function offline(text) {
    return text
        .replace('dflt:"https://cdn.plot.ly/un/"', 'dflt:"/assets/sebar/vendor/plotly/topojson/"')
        .replace(/https?:\/\/[^"'\s`)\\]*/g, (url) => (NAMESPACE.test(url) ? url : ''));
}

if (process.argv[2]) {
    const file = process.argv[2];
    writeFileSync(file, offline(readFileSync(file, 'utf8')));
}
