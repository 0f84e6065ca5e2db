// Imports the site's RIS and BibTeX downloads with citation-js (npm @citation-js/core with
// @citation-js/plugin-ris and plugin-bibtex: the parsers Zotero-independent tools and many web
// apps use), for tests/test_doors.py to check what a reader's software makes of them.
// stdin: {"ris": ["<file text>", ...], "bibtex": ["<file text>", ...]}
// stdout: {"ris": [[CSL-JSON item, ...], ...], "bibtex": [[...], ...]}
const fs = require("fs");
const { Cite } = require("@citation-js/core");
require("@citation-js/plugin-ris");
require("@citation-js/plugin-bibtex");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const read = (text) => new Cite(text).data.map(({ _graph, ...item }) => item);
const out = {};
for (const kind of ["ris", "bibtex"]) out[kind] = (input[kind] || []).map(read);
process.stdout.write(JSON.stringify(out));
