"""Search: the Pagefind hook (pagefind.py), what each page is indexed as (docs.py), the indexing
service (service.py) and the bundles in shards (shards.py); the search box is theme/assets/javascripts/."""
