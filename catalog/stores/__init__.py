"""The stores: province object storage, the Elasticsearch client, the SQL database and its migrations."""
