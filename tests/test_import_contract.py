"""Imports run one way (design.md, "Rooms"): web → services → domain → stores and configuration.

The indexer uses the catalog's domain rooms and stores, never its services or the web; nothing
in catalog/ imports indexer/; only catalog/web imports Flask. Pure: reads the source with ast.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Every module of catalog/ and indexer/ belongs to one layer (the longest prefix wins).
LAYERS = {
    "catalog.web": "web",
    "catalog.search": "services",
    "catalog.curation": "services",
    "catalog.uploads": "services",
    "catalog.harvest": "services",
    "catalog.accounts": "services",
    "catalog.collections": "services",
    "catalog.api_tokens": "services",
    # catalog-client: talks HTTP to the catalog; reads folders with the domain's readers, nothing else of it.
    "catalog.client": "client",
    "catalog.accounts_admin": "services",
    "catalog.admin_cli": "services",
    "catalog.resources": "domain",
    "catalog.indexing": "domain",
    "catalog.permissions": "domain",
    "catalog.field_problem": "domain",
    "catalog.messages": "domain",
    "catalog.stores": "stores",
    "catalog.settings": "configuration",
    "catalog.provinces": "configuration",
    "catalog": "configuration",  # the package's own __init__: a docstring
    "indexer": "indexer",
}
# What each layer may import from the two packages.
MAY_IMPORT = {
    "web": {"web", "services", "domain", "stores", "configuration"},
    "services": {"services", "domain", "stores", "configuration"},
    "domain": {"domain", "stores", "configuration"},
    "stores": {"stores", "configuration"},
    "configuration": {"configuration"},
    "indexer": {"indexer", "domain", "stores", "configuration"},
    "client": {"client", "domain", "configuration"},
}
# Third-party packages only some layers may import (werkzeug.security's password hashing is allowed).
ONLY_IN = {
    "flask": {"web"},
    "flask_babel": {"web"},
    "flask_login": {"web"},
    "flask_wtf": {"web"},
    "flask_limiter": {"web"},
}


def layer_of(module: str) -> str | None:
    for prefix in sorted(LAYERS, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return LAYERS[prefix]
    return None


def modules() -> dict[str, Path]:
    found = {}
    for package in ("catalog", "indexer"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts:
                continue
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(path: Path):
    """(line, imported module) for every import, also those inside functions."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            yield node.lineno, node.module
            # from catalog.web import api: the submodule, when it is one
            for alias in node.names:
                if (ROOT / node.module.replace(".", "/") / f"{alias.name}.py").exists() or (
                    ROOT / node.module.replace(".", "/") / alias.name / "__init__.py"
                ).exists():
                    yield node.lineno, f"{node.module}.{alias.name}"


def test_every_module_has_a_layer():
    assert [name for name in modules() if layer_of(name) is None] == [], "add it to LAYERS"


def test_imports_run_one_way():
    broken = []
    for name, path in modules().items():
        layer = layer_of(name)
        for line, imported in imports(path):
            top = imported.split(".")[0]
            if top in ("catalog", "indexer"):
                target = layer_of(imported)
                if target not in MAY_IMPORT[layer]:
                    broken.append(f"{path.relative_to(ROOT)}:{line} ({layer}) imports {imported} ({target})")
            elif top in ONLY_IN and layer not in ONLY_IN[top]:
                broken.append(f"{path.relative_to(ROOT)}:{line} ({layer}) imports {imported}")
    assert broken == [], "imports against the contract:\n" + "\n".join(broken)
