"""Teachers' collections (我的收藏): named lists of resources, reordered by hand and shared read-only by link."""
