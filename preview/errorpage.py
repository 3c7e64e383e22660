"""The page the preview shows in place of the site while the site cannot be built.

One self-contained HTML document (its style inline, no script of its own: the server adds its
live-reload script, which brings the site back once an edit fixes the build). Everything in it
that comes from the files (paths, messages quoting record text) is escaped.
"""

from __future__ import annotations

import time
from html import escape

from preview.build import Failure

_STYLE = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1f;background:#fff}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.5rem;margin:0 0 .5rem;color:#b00020}
ol{padding-left:1.5rem}
li{margin:.6rem 0}
code,pre{font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.where{font-weight:600;overflow-wrap:anywhere}
.sev-error{color:#b00020}.sev-warning{color:#8a5a00}
.msg{display:block;white-space:pre-wrap;overflow-wrap:anywhere}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f4f6;padding:.5rem .75rem;border-radius:4px}
.note{color:#555}
@media (prefers-color-scheme:dark){body{background:#1b1b1f;color:#e6e6ea}pre{background:#2a2a30}h1,.sev-error{color:#ff8a80}.sev-warning{color:#ffd180}.note{color:#aaa}}
"""


def render(failure: Failure) -> str:
    diags = failure.diagnostics
    errors = [d for d in diags if d.severity == "error"]
    items = "".join(
        f'<li><code class="where">{escape(f"{d.path}:{max(d.line, 1)}:{max(d.col, 1)}")}</code>: '
        f'<code class="sev-{escape(d.severity)}">{escape(d.severity)}[{escape(d.code)}]</code>'
        f'<span class="msg">{escape(d.message)}</span></li>'
        for d in [*errors, *(d for d in diags if d.severity != "error")]
    )
    problems = f'<h2>What the check found</h2><ol class="bf-preview-diagnostics">{items}</ol>' if items else ""
    # What MkDocs and the plugins logged (a macro error, a broken link, a broken mkdocs.yml); when
    # the check failed, these only repeat its count, so they are shown after its findings.
    messages = "".join(f"<li><pre>{escape(m)}</pre></li>" for m in failure.messages)
    logged = f'<h2>What the build said</h2><ol class="bf-preview-messages">{messages}</ol>' if messages else ""
    when = time.strftime("%H:%M:%S", time.localtime(failure.when))
    title = f"Preview: {failure.summary}"
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body><main>"
        f'<h1 id="bf-preview-error">The site cannot be built: {escape(failure.summary)}</h1>'
        '<p>Fix the file named below and save it: this page reloads by itself and shows the site again once it builds. '
        "The same problems stop <code>make build</code> and the pull request's check, so nothing is published until they are fixed.</p>"
        f"{problems}{logged}"
        f'<p class="note">Build attempted at {escape(when)}. <code>python -m briefing check</code> in a terminal prints the same findings.</p>'
        "</main></body></html>"
    )


def building(since: float | None) -> str:
    """The page a request gets while a rebuild takes longer than the server waits: it says so, and
    the server's live-reload script brings the site (or the error page) once the build is over."""
    began = f" (it began at {escape(time.strftime('%H:%M:%S', time.localtime(since)))})" if since is not None else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>Preview: the site is being rebuilt</title><style>{_STYLE}</style></head><body><main>"
        '<h1 id="bf-preview-building" style="color:inherit">The site is being rebuilt</h1>'
        f"<p>The preview is building the site again after a change{began}. This page shows the site, or what stops "
        "it from building, by itself as soon as the build is over. A build that does not end is in the terminal: "
        "stop it with Ctrl+C and run <code>make serve</code> again.</p>"
        "</main></body></html>"
    )
