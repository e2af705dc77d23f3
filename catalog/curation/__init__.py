"""Curation: decisions about resources, the curation service, versions and publication."""
