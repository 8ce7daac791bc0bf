"""The S3 storage path (django-storages) against moto's S3 server, started on a free localhost port."""

import socket

import boto3
import pytest
from django.urls import reverse

from assessments.services import evidence as services
from tests.assessments.evidence_fixtures import *  # noqa: F403
from tests.assessments.evidence_fixtures import make_pdf, pdf_file, upload

BUCKET = "bukti-dukung"
CREDENTIALS = {"aws_access_key_id": "uji", "aws_secret_access_key": "rahasia-uji"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings):
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", **CREDENTIALS)
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_endpoint,
                "region_name": "us-east-1",
                "access_key": CREDENTIALS["aws_access_key_id"],
                "secret_key": CREDENTIALS["aws_secret_access_key"],
                "addressing_style": "path",
                "location": "evidence",
                "default_acl": "private",
                "file_overwrite": False,
            },
        },
    }
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def test_upload_serve_and_checksum_through_s3(
    client, bucket, blitar, inspector, assessor, indicators, evidence_root
):
    document = upload(blitar, inspector, indicators[:2])
    version = services.add_version(
        document=document, file=pdf_file("versi-2.pdf", "Versi kedua"), by=inspector
    )

    keys = sorted(item["Key"] for item in bucket.list_objects_v2(Bucket=BUCKET)["Contents"])
    assert keys == sorted(f"evidence/{v.stored_name}" for v in document.versions.all())
    assert bucket.get_object(Bucket=BUCKET, Key=f"evidence/{version.stored_name}")["Body"].read() == make_pdf(
        "Versi kedua"
    )
    assert not evidence_root.exists()

    client.force_login(assessor)
    response = client.get(reverse("evidence:view", args=[version.pk]))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert b"".join(response.streaming_content) == make_pdf("Versi kedua")

    bucket.put_object(Bucket=BUCKET, Key=f"evidence/{version.stored_name}", Body=make_pdf("Dipalsukan"))
    assert client.get(reverse("evidence:view", args=[version.pk])).status_code == 409
