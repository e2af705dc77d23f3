"""How values look on the pages: localised dates, numbers, money, sizes and vocabulary labels."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path

from babel.dates import get_month_names
from flask_babel import format_currency, format_date, format_decimal, get_locale, gettext

from catalog.resources.file_types import served_as
from catalog.resources.vocabulary_labels import english_label
from catalog.search.facet_definitions import FACETS_BY_NAME, value_label
from catalog.web.i18n import current_language
from catalog.web.pages.teacher_place import origin_marker
from catalog.web.service_messages import translated

MEDIA_LABELS = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/msword": "Word",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/vnd.ms-powerpoint": "PowerPoint",
    "text/html": "HTML",
    "text/plain": "TXT",
}


def media_label(media_type: str | None) -> str:
    media_type = (media_type or "").lower()
    if media_type in MEDIA_LABELS:
        return MEDIA_LABELS[media_type]
    kind = media_type.split("/")[0]
    return {"image": gettext("图片"), "video": gettext("视频"), "audio": gettext("音频")}.get(kind, media_type or "—")


def previewable(file: dict) -> bool:
    """Whether the file is served to be shown inline (``file_types.served_as``). A file the indexer
    could not read (``text_error``) is likely broken: it is offered only for download."""
    return not file.get("text_error") and served_as(file.get("name", ""), file.get("media_type")).may_show_inline


PREVIEW_ORDER = ("preview", "main", "attachment", "cover")


def preview_file(files: list[dict]) -> dict | None:
    """The file to show on the page: a preview first, then the main file, then the rest."""
    candidates = [f for f in files if previewable(f)]
    rank = {role: position for position, role in enumerate(PREVIEW_ORDER)}
    return min(candidates, key=lambda f: rank.get(f.get("role", "main"), len(rank)), default=None)


def role_label(role: str) -> str:
    return {
        "main": gettext("主文件"),
        "attachment": gettext("附件"),
        "cover": gettext("封面"),
        "preview": gettext("预览"),
    }.get(role, role)


def tour_markers(tour: dict) -> list[dict]:
    """Numbered map markers for a tour's destinations, in itinerary order."""
    stops = [stop for stop in tour.get("destinations") or [] if stop.get("location")]
    return [
        {"lat": stop["location"]["lat"], "lon": stop["location"]["lon"], "label": f"{n}. {stop['name']}"}
        for n, stop in enumerate(stops, start=1)
    ]


def review_state_label(state: str) -> str:
    return {
        "pending": gettext("待审核"),
        "published": gettext("已发布"),
        "rejected": gettext("已退回"),
        "withdrawn": gettext("已撤回"),
    }.get(state, state)


def _audit_action_labels() -> dict[str, str]:
    return {
        "upload": gettext("上传"),
        "upload_failed": gettext("上传失败"),
        "edit": gettext("修改"),
        "withdraw": gettext("撤回"),
        "restore": gettext("恢复"),
        "approve": gettext("通过"),
        "reject": gettext("退回"),
        "tag": gettext("编辑标签"),
        "bulk_tag": gettext("批量加标签"),
        "feature": gettext("设为精品"),
        "unfeature": gettext("取消精品"),
        "publish": gettext("发布版本"),
        "publish_failed": gettext("发布失败"),
        "large_upload_start": gettext("开始上传大文件"),
        "large_upload_complete": gettext("大文件上传完成"),
        "large_upload_abandoned": gettext("清理未使用的大文件"),
        "draft_abandoned": gettext("清理未提交的草稿"),
        "school_create": gettext("登记学校"),
        "school_edit": gettext("修改学校"),
        "user_invite": gettext("邀请用户"),
        "user_edit": gettext("修改账号"),
        "user_disable": gettext("停用账号"),
        "user_enable": gettext("启用账号"),
        "password_reset": gettext("重设密码"),
        "password_set": gettext("设置密码"),
        "api_token_create": gettext("创建 API 令牌"),
        "api_token_revoke": gettext("撤销 API 令牌"),
        "api_token_use": gettext("用 API 令牌写入"),
    }


def audit_action_label(action: str) -> str:
    return _audit_action_labels().get(action, action)


def audit_actions() -> list[tuple[str, str]]:
    """Every audited action with its label, for the log's filter."""
    return list(_audit_action_labels().items())


def version_state_label(state: str) -> str:
    return {
        "draft": gettext("草稿"),
        "submitted": gettext("待审核"),
        "approved": gettext("已发布"),
        "rejected": gettext("已退回"),
        "superseded": gettext("已被取代"),
        "withdrawn": gettext("已撤回"),
    }.get(state, state)


def change_label(change: str) -> str:
    return {
        "added": gettext("新增"),
        "removed": gettext("已删除"),
        "replaced": gettext("替换"),
        "unchanged": gettext("未变"),
    }.get(change, change)


def field_label(name: str) -> str:
    """A request parameter's name as the error message shows it."""
    if name in FACETS_BY_NAME:
        return facet_label(name)
    return {
        "q": gettext("搜索词"),
        "sort": gettext("排序"),
        "page": gettext("页码"),
        "place": gettext("区县"),
        "near": gettext("位置"),
        "radius_km": gettext("范围"),
        "size": gettext("每页条数"),
        "after": gettext("翻页"),
        "request": gettext("请求"),
        "title": gettext("标题"),
        "type": gettext("资源类型"),
        "summary": gettext("简介"),
        "files": gettext("文件"),
        "archive": gettext("ZIP 文件"),
        "reason": gettext("退回原因"),
        "tags": gettext("标签"),
        "version": gettext("版本"),
        "email": gettext("邮箱"),
        "display_name": gettext("姓名"),
        "role": gettext("角色"),
        "school_id": gettext("学校"),
        "password": gettext("密码"),
        "password_again": gettext("再输入一次"),
        "name": gettext("名称"),
        "district": gettext("区县"),
        "token": gettext("链接"),
        "active": gettext("状态"),
        "action": gettext("操作"),
    }.get(name.split(".")[0], name)


def resource_field_label(name: str) -> str:
    """A field of edu-resource/1, or of an audited state, as a curator reads it."""
    return {
        "type": gettext("资源类型"),
        "title": gettext("标题"),
        "summary": gettext("简介"),
        "keywords": gettext("关键词"),
        "subjects": gettext("学科"),
        "stages": gettext("学段"),
        "grades": gettext("年级"),
        "language": gettext("语言"),
        "license": gettext("许可协议"),
        "lesson": gettext("课例信息"),
        "study_tour": gettext("研学信息"),
        "practice_base": gettext("基地信息"),
        "publisher": gettext("发布单位"),
        "region": gettext("地区"),
        # the audited state of a decision, a version or a file
        "review_state": gettext("状态"),
        "rejection_reason": gettext("退回原因"),
        "featured": gettext("精品"),
        "tags": gettext("标签"),
        "version": gettext("保存次数"),
        "live_version": gettext("在线版本"),
        "resource_version": gettext("版本"),
        "state": gettext("版本状态"),
        "name": gettext("文件名"),
        "size": gettext("大小"),
        "key": gettext("存储位置"),
        # the audited state of a school or an account
        "school_name": gettext("学校名称"),
        "province": gettext("省份"),
        "city": gettext("城市"),
        "district": gettext("区县"),
        "email": gettext("邮箱"),
        "display_name": gettext("姓名"),
        "role": gettext("角色"),
        "school": gettext("学校"),
        "active": gettext("启用"),
        "password_reset": gettext("密码已重设"),
        "password_set": gettext("密码已设置"),
    }.get(name, name)


def readable_value(value) -> str:
    """A field's value as text a person reads: lists joined with 、, objects as 名：值, nothing as —."""
    if value is None or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return gettext("是") if value else gettext("否")
    if isinstance(value, list):
        return "、".join(readable_value(item) for item in value)
    if isinstance(value, dict):
        return "；".join(f"{key}：{readable_value(item)}" for key, item in value.items())
    return str(value)


def _is_number(value) -> bool:
    """Optional fields reach the templates missing (Undefined) or null; only numbers are shown."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def file_size(size) -> str:
    if not _is_number(size):
        return "—"
    units = ("B", "KB", "MB", "GB")
    value, unit = float(size), 0
    while value >= 1024 and unit < len(units) - 1:
        value, unit = value / 1024, unit + 1
    return f"{format_decimal(value, '#,##0' if unit == 0 else '#,##0.0')} {units[unit]}"


def local_date(value: str | None) -> str:
    if not value:
        return "—"
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    return format_date(moment, "long")


def month_names(months) -> str:
    names = get_month_names("abbreviated", locale=get_locale())
    return gettext("、").join(names[m] for m in sorted(set(months or [])) if m in names)


def money(amount) -> str:
    if not _is_number(amount):
        return "—"
    return gettext("免费") if amount == 0 else format_currency(amount, "CNY")


def kilometres(distance) -> str:
    if not _is_number(distance):
        return "—"
    return gettext("%(km)s 公里", km=format_decimal(distance, "#,##0.0"))


def number(value) -> str:
    return format_decimal(value) if _is_number(value) else "—"


def facet_label(name: str) -> str:
    facet = FACETS_BY_NAME[name]
    return facet.label_zh if current_language().code == "zh" else facet.label_en


def facet_value(name: str, value) -> str:
    """A field's value as the interface's language shows it; the records keep the Chinese value."""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    language = current_language().code
    label = value_label(name, text, language)
    return english_label(name, label) if language == "en" and label == text else label


def vocab(value, name: str):
    """The ``vocab`` filter: a field's value, or each of a list of values, in the interface's language."""
    return [facet_value(name, item) for item in value] if isinstance(value, (list, tuple)) else facet_value(name, value)


OUTLINE_FILES = ("chongqing.json", "sichuan.json")


@cache
def outline_names_en() -> dict[str, str]:
    """The map outlines' city and district names in English, for the English interface's tooltips."""
    folder = Path(__file__).parent / "static" / "vendor" / "district-outlines"
    names: dict[str, str] = {}
    for file_name in OUTLINE_FILES:
        path = folder / file_name
        if not path.exists():  # the outlines are vendored by scripts; a bare checkout has none
            continue
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            properties = feature["properties"]
            names[properties["city"]] = english_label("city", properties["city"])
            names[properties["name"]] = english_label("district", properties["name"])
    return names


def map_place_names() -> dict[str, str]:
    """What the map's outline tooltips need: English names on the English interface, none on the Chinese."""
    return outline_names_en() if current_language().code == "en" else {}


def init_page_format(app) -> None:
    app.jinja_env.filters.update(
        vocab=vocab,
        translated=translated,
        media_label=media_label,
        file_size=file_size,
        local_date=local_date,
        month_names=month_names,
        money=money,
        kilometres=kilometres,
        number=number,
    )
    app.jinja_env.globals.update(
        map_place_names=map_place_names,
        facet_label=facet_label,
        facet_value=facet_value,
        previewable=previewable,
        preview_file=preview_file,
        role_label=role_label,
        tour_markers=tour_markers,
        field_label=field_label,
        origin_marker=origin_marker,
        review_state_label=review_state_label,
        audit_action_label=audit_action_label,
        version_state_label=version_state_label,
        change_label=change_label,
        resource_field_label=resource_field_label,
        readable_value=readable_value,
        audit_actions=audit_actions,
    )
