"""The build baseline: the same pages with every macro call already rendered into plain Markdown.

`python -m bench.plain SRC DST` drives the synthetic briefing's own `macros.py` (a copy of the
real adapter) exactly as mkdocs-macros does, without MkDocs: `define_env` loads and checks the
records and writes the generated claim, entity and source pages; then every page is rendered
as a Jinja template with the registered macros (unless its front matter says `render_macros:
false`), between `on_pre_page_macros` and `on_post_page_macros`; `on_post_build` writes the
exports. The results go to DST/docs, with DST/mkdocs.yml: SRC's configuration without the
macros plugin. Building DST is then the same site (same pages, same HTML fragments, same
exports) without any of the briefing's work.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import yaml

from bench.generate import without_macros


class _Lenient(yaml.SafeLoader):
    """mkdocs.yml may hold !!python/name or !ENV tags: read them as nothing, they are not needed here."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def page_url(rel: str) -> str:
    """The URL MkDocs gives a page with use_directory_urls (the default)."""
    path = rel[: -len(".md")]
    if path == "index":
        return ""
    if path.endswith("/index"):
        return path[: -len("index")]
    return path + "/"


def renders_macros(front: str) -> bool:
    """False when the front matter says `render_macros: false`, as mkdocs-macros reads it."""
    if not front:
        return True
    meta = yaml.load(front[4 : front.rindex("\n---")], Loader=_Lenient)
    return not (isinstance(meta, dict) and meta.get("render_macros") is False)


def _module(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("bench_synthetic_macros", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def prerender(src: Path, dst: Path) -> int:
    from mkdocs.config import load_config

    import site_adapter

    src, dst = src.resolve(), dst.resolve()
    conf_text = (src / "mkdocs.yml").read_text(encoding="utf-8")
    if dst.exists():
        shutil.rmtree(dst)
    docs = dst / "docs"
    shutil.copytree(src / "docs", docs, ignore=shutil.ignore_patterns("__pycache__"))
    # The real configuration, reading DST's pages; the exports are written into DST/docs at the end.
    conf = load_config(config_file=str(src / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(dst / "exports"))
    macros = _module(src / "macros.py")
    registry: dict[str, Any] = {}
    env = SimpleNamespace(conf=conf, project_dir=str(src), macro=lambda fn, name: registry.__setitem__(name, fn))
    macros.define_env(env)
    jenv = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    n = 0
    # Every page as the build reads it (the generated ones included), in MkDocs' reading.
    for f in site_adapter.inventory_of(conf, src).pages():
        rel = f.src_uri
        assert f.text is not None and f.markdown is not None and f.text.endswith(f.markdown), rel
        front = f.text[: len(f.text) - len(f.markdown)]
        env.page = SimpleNamespace(url=page_url(rel), file=SimpleNamespace(src_uri=rel), title=f.title, meta=f.meta)
        env.markdown = f.markdown
        if hasattr(macros, "on_pre_page_macros"):
            macros.on_pre_page_macros(env)
        # As mkdocs-macros does: a page whose front matter says render_macros: false skips Jinja.
        if renders_macros(front):
            env.markdown = jenv.from_string(env.markdown).render(**registry)
        if hasattr(macros, "on_post_page_macros"):
            macros.on_post_page_macros(env)
        (docs / rel).write_text(front + env.markdown, encoding="utf-8")
        n += 1
    if hasattr(macros, "on_post_build"):
        env.conf = {"site_dir": str(docs)}  # the exports land among the static files
        macros.on_post_build(env)
    (dst / "mkdocs.yml").write_text(without_macros(conf_text), encoding="utf-8")
    for extra in src.iterdir():  # the theme's overrides and the like: everything but the briefing
        if extra.name not in ("docs", "facts", "sources", "site", ".cache", "macros.py", "mkdocs.yml", "__pycache__"):
            if extra.is_dir():
                shutil.copytree(extra, dst / extra.name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(extra, dst / extra.name)
    return n


def main(argv: list[str]) -> int:
    n = prerender(Path(argv[0]), Path(argv[1]))
    print(f"pre-rendered {n} pages into {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
