"""Search: query parsing and building, the search service, facets, highlighting, browse, lookup."""
