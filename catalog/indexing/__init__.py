"""A stored resource → its index document: index definition, segmentation, loading, extraction."""
