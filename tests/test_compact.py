"""archive_site/pages/compact.py: indentation goes, what a reader sees stays."""

from __future__ import annotations

from bs4 import BeautifulSoup

from archive_site.pages.compact import compact_html

PAGE = """<!doctype html>
<html>
  <head>
    <script>
      var a = `two
      lines`;
    </script>
  </head>
  <body>

    <p>国际 <em>组织</em>
       and   words</p>
    <pre><code>  indented
      code
</code></pre>
    <textarea>
  kept
</textarea>
    <span>a</span>
    <span>b</span>
  </body>
</html>
"""


def test_indentation_and_blank_lines_go():
    out = compact_html(PAGE)
    assert "\n  " not in out.split("<pre>")[0].split("</script>")[1]
    assert "\n\n" not in out
    assert len(out) < len(PAGE)


def test_text_and_preformatted_blocks_are_unchanged():
    out = compact_html(PAGE)
    for tag in ("pre", "textarea", "script"):
        assert BeautifulSoup(out, "html.parser").find(tag).decode() == BeautifulSoup(PAGE, "html.parser").find(tag).decode()
    words = lambda html: " ".join(BeautifulSoup(html, "html.parser").body.get_text().split())  # noqa: E731
    assert words(out) == words(PAGE)
    # a line break between two inline elements still separates them (one white space is left)
    assert "<span>a</span>\n<span>b</span>" in out
