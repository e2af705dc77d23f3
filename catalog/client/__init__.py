"""``catalog-client``: what a district's or school's system runs to push resources into the catalog through
its JSON API with an API token. HTTP only (urllib): it imports neither Flask nor ``catalog.web``."""
