"""Citations: one CSL-JSON record per article (csl.py), its renderings (citeproc-py, styles/),
romanised names and titles (romanise.py), printed bios (affiliation.py), RIS and BibTeX (exports.py)."""
