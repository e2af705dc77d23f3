"""Print the local dev provinces as shell words: code, S3 port, bucket, access key, secret key."""

import urllib.parse

from catalog.provinces import load_provinces

for province in load_provinces():
    port = urllib.parse.urlsplit(province.endpoint_url).port
    print(province.code, port, province.bucket, province.access_key, province.secret_key)
