// Renders CSL-JSON items with citeproc-js (npm `citeproc`, the engine Zotero runs), for
// tests/test_citations.py to compare with citeproc-py character for character.
// stdin: {"style": "<path to .csl>", "locales": "<dir of locales-*.xml>",
//         "jobs": [{"item": {CSL-JSON}, "lang": "zh-CN"}]}
// stdout: a JSON list, per job the bibliography entry as plain text.
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const style = fs.readFileSync(input.style, "utf8");
const out = [];
for (const job of input.jobs) {
  const items = { [job.item.id]: job.item };
  const sys = {
    retrieveLocale: (lang) => {
      const file = path.join(input.locales, `locales-${lang}.xml`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
    retrieveItem: (id) => items[id],
  };
  const engine = new CSL.Engine(sys, style, job.lang, true);
  engine.setOutputFormat("text");
  engine.updateItems([job.item.id]);
  const [, entries] = engine.makeBibliography();
  out.push(entries[0].trim());
}
process.stdout.write(JSON.stringify(out));
