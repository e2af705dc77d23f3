"""One table answers every failure: the same status, code and fields as a page and as JSON.

Pure: the app is built without reaching any service; each route raises one exception.
"""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import BadRequestError
from elasticsearch import ConnectionError as EngineConnectionError
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from marshmallow import ValidationError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import NotFound, TooManyRequests

from catalog.curation.decisions import EditConflict
from catalog.curation.publication import StorageUnavailable
from catalog.curation.service import CurationRejected
from catalog.field_problem import FieldProblem
from catalog.messages import N_, prefixed
from catalog.permissions import PermissionDenied
from catalog.search.service import SearchUnavailable
from catalog.settings import Settings
from catalog.uploads.bulk import BulkRejected
from catalog.uploads.errors import NotStored, UploadRejected
from catalog.web.error_table import ERROR_TABLE, answer_for
from catalog.web.service_messages import translated

ENGINE_DOWN = "The search engine is not answering; please try again in a minute."
STORAGE_DOWN = "The province's storage is not answering; nothing was stored."
DATABASE_DOWN = "The catalog's database is not answering; please try again."


def _engine_refused():
    meta = ApiResponseMeta(
        status=400, http_version="1.1", headers=HttpHeaders(), duration=0.01, node=NodeConfig("http", "127.0.0.1", 9)
    )
    return BadRequestError("search_phase_execution_exception", meta, {"error": "too many clauses"})


# exception, status, JSON error in English (code, message, fields), what the Chinese page says
CASES = [
    (
        ValidationError({"size": ["Must be less than or equal to 100."], "near": {"0": ["Not a valid number."]}}),
        400,
        (
            "bad_request",
            "size: Must be less than or equal to 100.; near.0: Not a valid number.",
            {"size": ["Must be less than or equal to 100."], "near.0": ["Not a valid number."]},
        ),
        "size: 应不大于 100; near.0: 应是数字",  # marshmallow's English, said in Chinese on the Chinese page
    ),
    (
        FieldProblem("q", "搜索词不能超过 200 个字"),
        400,
        ("bad_request", "q: 搜索词不能超过 200 个字", {"q": ["搜索词不能超过 200 个字"]}),
        "搜索词不能超过 200 个字",
    ),
    (
        CurationRejected("tags", "标签必须是文字"),
        400,
        ("bad_request", "tags: tags must be text", {"tags": ["tags must be text"]}),
        "标签必须是文字",
    ),
    (
        UploadRejected({"title": ["请填写标题"]}),
        400,
        ("bad_request", "nothing was stored: title: 请填写标题", {"title": ["请填写标题"]}),
        "请填写标题",
    ),
    (
        BulkRejected("这不是 ZIP 文件"),
        400,
        ("bad_request", "这不是 ZIP 文件", {"archive": ["这不是 ZIP 文件"]}),
        "这不是 ZIP 文件",
    ),
    (
        PermissionDenied("review", "你的账号角色不能审核资源"),
        403,
        ("forbidden", "你的账号角色不能审核资源", None),
        "你的账号角色不能审核资源",
    ),
    (
        NotStored("no resource 'x-1' in province 'cq'"),
        404,
        ("not_found", "no resource 'x-1' in province 'cq'", None),
        "没有找到这个页面或资源",
    ),
    (
        EditConflict(7),
        409,
        (
            "conflict",
            "Someone else has just changed this resource; reload the page to see the latest before saving",
            {"version": ["current version is 7"]},
        ),
        "这个资源刚被别人修改过",
    ),
    (SearchUnavailable("engine down"), 503, ("search_unavailable", ENGINE_DOWN, None), "请一两分钟后再试"),
    (EngineConnectionError("connection refused"), 503, ("search_unavailable", ENGINE_DOWN, None), "请一两分钟后再试"),
    (
        _engine_refused(),
        503,
        ("search_unavailable", "The search engine could not answer this request.", None),
        "请一两分钟后再试",
    ),
    (
        StorageUnavailable("cq storage: timed out"),
        503,
        ("storage_unavailable", STORAGE_DOWN, None),
        "省级资源存储暂时无法访问，什么也没有保存",
    ),
    (
        EndpointConnectionError(endpoint_url="http://127.0.0.1:9"),
        503,
        ("storage_unavailable", STORAGE_DOWN, None),
        "省级资源存储暂时无法访问，什么也没有保存",
    ),
    (
        ClientError({"Error": {"Code": "SlowDown", "Message": "Reduce your request rate."}}, "PutObject"),
        503,
        ("storage_unavailable", STORAGE_DOWN, None),
        "省级资源存储暂时无法访问，什么也没有保存",
    ),
    (
        OperationalError("SELECT 1", {}, Exception("database is locked")),
        503,
        ("database_unavailable", DATABASE_DOWN, None),
        "目录数据库暂时无法访问",
    ),
    (NotFound(), 404, ("http_error", NotFound.description, None), "没有找到这个页面或资源"),
    (TooManyRequests("5 per 15 minute"), 429, ("http_error", "5 per 15 minute", None), "请 15 分钟后再试"),
    (
        CSRFError("The CSRF token is missing."),
        400,
        ("http_error", "This form has expired or lacks its security token: reload the page and submit again.", None),
        "这个表单已过期或缺少安全令牌，请刷新页面后再提交。",
    ),
    (
        RateLimitExceeded(
            SimpleNamespace(error_message=N_("尝试次数过多，请 15 分钟后再试"), limit="10 per 15 minutes")
        ),
        429,
        ("http_error", "Too many attempts: try again in 15 minutes", None),
        "请 15 分钟后再试",
    ),
    (RuntimeError("a bug"), 500, ("internal_error", "Something went wrong on our side.", None), "这是我们这边的问题"),
]
IDS = [type(case[0]).__name__ for case in CASES]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """The real app on settings that reach no service; /boom/<n> and /api/v1/boom/<n> raise CASES[n]."""
    from catalog.web import create_app

    database = tmp_path_factory.mktemp("errors") / "catalog.db"
    settings = Settings(
        es_url="http://127.0.0.1:9",
        es_username="u",
        es_password="p",
        es_timeout=1,
        index_alias="resources",
        provinces=(),
        secret_key="test-secret",
        database_url=f"sqlite:///{database}",
    )
    app = create_app({"SETTINGS": settings, "TESTING": True})

    def boom(number: int):
        raise CASES[number][0]

    app.add_url_rule("/boom/<int:number>", "boom_page", boom)
    app.add_url_rule("/api/v1/boom/<int:number>", "boom_api", boom)
    return app.test_client()


@pytest.mark.parametrize("number", range(len(CASES)), ids=IDS)
def test_the_api_answers_each_failure_with_its_status_code_message_and_fields(client, number):
    _, status, (code, message, fields), _ = CASES[number]
    response = client.get(f"/api/v1/boom/{number}", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response.status_code == status
    expected = {"code": code, "message": message, **({"fields": fields} if fields else {})}
    assert response.get_json() == {"error": expected}


@pytest.mark.parametrize(
    ("name", "chinese"),
    [
        ("SearchUnavailable", "搜索引擎暂时没有响应，请一两分钟后再试。"),
        ("StorageUnavailable", "省级资源存储没有响应，什么也没有保存。"),
        ("CurationRejected", "tags: 标签必须是文字"),
        ("UploadRejected", "什么也没有保存：title: 请填写标题"),
        ("EditConflict", "这个资源刚被别人修改过，请刷新页面查看最新内容后再保存"),
    ],
)
def test_the_api_answers_in_chinese_when_the_request_asks_for_it_or_names_no_language(client, name, chinese):
    for headers in ({"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}, {}):
        assert client.get(f"/api/v1/boom/{IDS.index(name)}", headers=headers).get_json()["error"]["message"] == chinese


@pytest.mark.parametrize("number", range(len(CASES)), ids=IDS)
def test_a_page_answers_each_failure_with_the_same_status_and_says_why(client, number):
    _, status, _, says = CASES[number]
    response = client.get(f"/boom/{number}")
    page = response.get_data(as_text=True)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert says in page
    assert "Traceback" not in page and "a bug" not in page


def test_bad_input_on_a_page_is_a_400_naming_the_field_never_a_500(client):
    number = IDS.index("FieldProblem")
    response = client.get(f"/boom/{number}")
    assert response.status_code == 400
    assert "q: 搜索词不能超过 200 个字" in response.get_data(as_text=True)


def test_an_unknown_address_is_json_under_the_api_and_a_page_elsewhere(client):
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.get_json()["error"]["code"] == "http_error"
    page = client.get("/no-such-thing")
    assert page.status_code == 404 and "没有找到这个页面或资源" in page.get_data(as_text=True)


def test_a_store_that_is_down_is_logged_and_a_bug_with_its_traceback(client, caplog):
    caplog.set_level(logging.INFO)
    client.get(f"/boom/{IDS.index('OperationalError')}")
    client.get(f"/api/v1/boom/{IDS.index('RuntimeError')}")
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("database unavailable for /boom/" in r.getMessage() for r in errors)
    assert any("unexpected error for /api/v1/boom/" in r.getMessage() and r.exc_info for r in errors)


def test_each_row_of_the_table_is_reached_by_its_own_exception():
    reached = {type(case[0]) for case in CASES}
    for exception_type in ERROR_TABLE:
        assert any(issubclass(t, exception_type) for t in reached), f"no case for {exception_type.__name__}"
    # A subclass answers as its nearest base in the table: a curator's bad tag is a FieldProblem.
    assert answer_for(CurationRejected("tags", "x")).code == "bad_request"


def test_the_web_layer_translates_a_service_message_and_its_values(client):
    app = client.application
    refusal = prefixed("教案.pdf", N_("名称是 %(extension)s，但内容是 %(kind)s", extension=".pdf", kind=N_("纯文本")))
    with app.test_request_context("/", headers={"Cookie": "lang=en"}):
        assert translated(refusal) == "教案.pdf: the name ends in .pdf but the content is a plain text"
        assert translated("请至少上传一个文件") == "Please upload at least one file"
        assert translated("not a message id") == "not a message id"
    with app.test_request_context("/"):
        assert translated(refusal) == "教案.pdf: 名称是 .pdf，但内容是 纯文本"
        # The web's own request schemas keep marshmallow's English; the Chinese interface says it in Chinese.
        assert translated("Must be greater than or equal to 1 and less than or equal to 120.") == "应在 1 到 120 之间"
        assert translated("Missing data for required field.") == "必填"
    with app.test_request_context("/", headers={"Cookie": "lang=en"}):
        assert translated("Not a valid integer.") == "Not a valid integer."
    with app.test_request_context("/api/v1/uploads", headers={"Accept-Language": "en-US,en;q=0.8"}):
        assert translated(N_("必填", text="required")) == "required"
    # The site's own scripts call the API with the language chosen on the site, whatever the browser's.
    with app.test_request_context("/api/v1/uploads", headers={"Accept-Language": "en-US", "Cookie": "lang=zh"}):
        assert translated(N_("必填", text="required")) == "必填"
