"""Create each province's bucket if missing, then prove it serves: write, read back, delete.

SeaweedFS answers on its S3 port before its volume servers have registered; until they have,
reads fail. Exits non-zero while any province is not ready, so callers can retry.
"""

import sys

from botocore.exceptions import BotoCoreError, ClientError

from catalog.provinces import load_provinces
from catalog.stores.province_storage import s3_client

PROBE_KEY = ".catalog-readiness-probe"  # outside any resource folder: never read as a resource

for province in load_provinces():
    client = s3_client(province, retries=1)
    try:
        try:
            client.head_bucket(Bucket=province.bucket)
        except ClientError as exc:
            if exc.response["Error"]["Code"] not in ("404", "NoSuchBucket"):
                raise
            client.create_bucket(Bucket=province.bucket)
            print(f"{province.code}: created bucket {province.bucket}", file=sys.stderr)
        # Large uploads go straight from the browser to storage (presigned multipart), so pages
        # may PUT parts and read each part's ETag. Any origin: these endpoints listen on loopback
        # only, the tests serve pages from random ports, and SeaweedFS matches no port wildcards;
        # every request still needs a presigned signature.
        client.put_bucket_cors(
            Bucket=province.bucket,
            CORSConfiguration={
                "CORSRules": [
                    {
                        "AllowedOrigins": ["*"],
                        "AllowedMethods": ["PUT", "GET"],
                        "AllowedHeaders": ["*"],
                        "ExposeHeaders": ["ETag"],
                        "MaxAgeSeconds": 3600,
                    }
                ]
            },
        )
        client.put_object(Bucket=province.bucket, Key=PROBE_KEY, Body=b"ready")
        client.get_object(Bucket=province.bucket, Key=PROBE_KEY)["Body"].read()
        client.delete_object(Bucket=province.bucket, Key=PROBE_KEY)
    except (BotoCoreError, ClientError) as exc:
        sys.exit(f"{province.code}: storage not ready: {exc}")
