"""What indexers, citation managers and libraries read: head metadata, downloads and the bulk
dump (hook.py), JATS XML (jats.py), the Atom feed, sitemap dates and robots.txt (feed.py)."""
