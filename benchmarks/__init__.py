"""Benchmarks of the catalog against the local bench stack; run through ``scripts/bench``."""
