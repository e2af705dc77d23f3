"""The JSON API, /api/v1: reads, writes, schemas, errors and its OpenAPI document."""
