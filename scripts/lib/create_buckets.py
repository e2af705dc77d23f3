"""Create each configured province's bucket if it does not exist yet."""
import sys

from botocore.exceptions import ClientError

from catalog.province_storage import s3_client
from catalog.provinces import load_provinces

for province in load_provinces():
    client = s3_client(province)
    try:
        client.head_bucket(Bucket=province.bucket)
    except ClientError as exc:
        if exc.response["Error"]["Code"] not in ("404", "NoSuchBucket"):
            sys.exit(f"{province.code}: cannot check bucket {province.bucket}: {exc}")
        client.create_bucket(Bucket=province.bucket)
        print(f"{province.code}: created bucket {province.bucket}", file=sys.stderr)
