// Lighthouse (mobile, the CLI's defaults) on several pages in one Node process and one Chromium:
// starting both once instead of once a page saves seconds a page. Called by bench/measure.py:
//   CHROME_PATH=/usr/bin/chromium node bench/lighthouse.mjs OUT_DIR NAME=URL...
// writes OUT_DIR/NAME.json (the full Lighthouse report) for each page, in order.
import fs from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const [outDir, ...pages] = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu"],
});
const flags = {
  port: chrome.port,
  output: "json",
  logLevel: "error",
  onlyCategories: ["performance", "accessibility"],
  // weight 0 in both categories yet seconds a page: the back/forward-cache test navigates away and
  // back, the full-page screenshot renders the whole page once more
  skipAudits: ["bf-cache", "screenshot-thumbnails", "final-screenshot"],
  disableFullPageScreenshot: true,
};
try {
  for (const page of pages) {
    const at = page.indexOf("=");
    const [name, url] = [page.slice(0, at), page.slice(at + 1)];
    try {
      const result = await lighthouse(url, flags);
      fs.writeFileSync(path.join(outDir, `${name}.json`), result.report);
    } catch (error) {
      fs.writeFileSync(path.join(outDir, `${name}.error`), String(error?.stack ?? error));
    }
  }
} finally {
  await chrome.kill();
}
