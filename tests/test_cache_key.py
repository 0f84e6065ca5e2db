"""The convert cache is keyed by the converter's code only: editing a writer,
the site side or the archivist commands keeps every cached conversion."""

from generator import cache


def test_the_key_covers_what_makes_the_model_and_nothing_else():
    files = {p.relative_to(cache.PACKAGE).as_posix() for p in cache._converter_files()}
    assert {"model.py", "pipeline.py", "readers/journal.py", "transforms/notes.py", "journals.yml"} <= files
    assert not any(f.startswith(("writers/", "archive/")) or f in ("cli.py", "messages.py", "plan.py") for f in files)
    assert all((cache.PACKAGE / f).exists() for f in files), "CONVERTER names files that exist"
