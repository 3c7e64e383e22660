"""`make serve`: a preview of the site that keeps up with the editor.

A second adapter over MkDocs beside `macros.py` (the core, `briefing/`, knows nothing of
either): `build` rebuilds only what an edit changed, `server` shows why the site cannot be built
in the browser tab instead of hanging, `errorpage` is that page. The published site is built by
`mkdocs build --strict` alone (`make build`, CI), which none of this touches.
"""
