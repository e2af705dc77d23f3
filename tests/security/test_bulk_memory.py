"""Issue 12, finding 3: a bulk archive built to amplify (a name repeated in a row, a padded manifest,
a hundredfold member, a directory of bare entries) is refused without the gunicorn worker's peak
RSS growing by more than 64 MiB."""

from __future__ import annotations

import pytest

from tests.curation_fixtures import pdf_bytes
from tests.security.bulk_archives import MIB, bare_directory, bulk_zip, lesson_row, padded_manifest, zero_padded_pdf
from tests.security.gunicorn_site import peak_rss_bytes, reset_peak_rss, served_by_gunicorn, signed_in, workers_of

pytestmark = pytest.mark.stack
ALLOWED_GROWTH = 64 * MIB


def amplifying_archives() -> dict[str, tuple[bytes, str]]:
    """Name → (archive, what the refusal must say). Each is small; read naively each costs hundreds of MiB."""
    bomb = zero_padded_pdf(40)
    repeated = [lesson_row("重复的课件", ["课件.pdf"] * 6)]
    padded = [lesson_row("巨大的清单", ["课件.pdf"])]
    return {
        "a name repeated in a row": (bulk_zip(repeated, {"课件.pdf": bomb}), "课件.pdf: 在这一行里重复列出"),
        "a padded manifest": (
            bulk_zip(padded, {"课件.pdf": pdf_bytes()}, manifest=padded_manifest(padded, 100)),
            "manifest.json: 文件超过 2 MB 上限",
        ),
        "a hundredfold member": (
            bulk_zip([lesson_row("压缩炸弹", ["课件.pdf"])], {"课件.pdf": bomb}),
            "课件.pdf: 压缩比超过 100 倍",
        ),
        "a directory of bare entries": (bare_directory(300_000), "压缩包里的文件和文件夹超过"),
    }


def refusal(response) -> str:
    """What the API said when it refused the archive (400) or every row of it (207, nothing created)."""
    body = response.json()
    if response.status_code == 400:
        return " ".join(body["error"]["fields"]["archive"])
    if response.status_code != 207 or body["created"]:
        return ""
    return " ".join(reason for row in body["errors"] for reasons in row["fields"].values() for reason in reasons)


def test_archives_built_to_amplify_are_refused_without_the_worker_growing(site, tmp_path):
    archives = amplifying_archives()
    assert max(len(data) for data, _ in archives.values()) < 16 * MIB
    with served_by_gunicorn(site, tmp_path, workers=1) as (root, master):
        [worker] = workers_of(master)
        session = signed_in(root, site.users["school"].email)

        def send(data: bytes):
            return session.post(root + "/api/v1/uploads/bulk", files=[("archive", ("batch.zip", data))], timeout=120)

        # The first bulk request imports and allocates what every later one reuses.
        warm_up = send(bulk_zip([lesson_row("预热", ["缺少.pdf"])], {}))
        assert warm_up.status_code == 207, warm_up.text
        outcomes = {}
        for name, (data, reason) in archives.items():
            before = reset_peak_rss(worker)
            response = send(data)
            outcomes[name] = {
                "peak growth MiB": round((peak_rss_bytes(worker) - before) / MIB),
                "refused as expected": reason in refusal(response),
            }
        assert all(
            outcome["peak growth MiB"] <= ALLOWED_GROWTH / MIB and outcome["refused as expected"]
            for outcome in outcomes.values()
        ), outcomes
        assert workers_of(master) == [worker]  # the same worker answered every request and is still alive
