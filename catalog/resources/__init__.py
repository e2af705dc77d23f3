"""The resource format: schema, vocabularies and feeds' spellings, districts, file types."""
