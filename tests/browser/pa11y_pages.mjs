// Run pa11y (HTML_CodeSniffer, WCAG 2 AA, warnings included) on every URL given, at each
// width, in one Debian Chromium; print one JSON object: {url@width: ["code: message", ...]}.
import pa11y from "pa11y";
import puppeteer from "puppeteer";

const [chromium, widths, ...urls] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: chromium,
  args: ["--no-sandbox", "--headless=new"],
});
const found = {};
try {
  for (const url of urls) {
    for (const width of widths.split(",").map(Number)) {
      const result = await pa11y(url, {
        browser,
        runners: ["htmlcs"],
        standard: "WCAG2AA",
        includeWarnings: true,
        viewport: { width, height: 800 },
        timeout: 60000,
      });
      found[`${url}@${width}`] = result.issues.map(
        (i) => `${i.type} ${i.code}: ${i.message} [${i.selector}]`,
      );
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(found));
