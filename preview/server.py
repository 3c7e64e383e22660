"""The preview server: MkDocs' live-reload server with the preview's builder.

`mkdocs serve` (MkDocs 1.6.1) holds every page request while a rebuild runs, and when the
rebuild fails it never marks one as finished: the browser tab waits until the files are fixed
("the server will appear stuck"). Here the builder never fails: it returns why the site could
not be built, the server answers every page request with that error page meanwhile, and the
live-reload epoch moves on after every build, failed or not, so an open tab switches to the
error page and back to the site by itself. A page request waits a few seconds at most for a
rebuild under way; then it is answered with a page saying the site is being rebuilt, which
reloads by itself once the build is over (a build that never ends leaves that page, not a tab
that hangs).

It watches the files through the system's file events (inotify, FSEvents, ...), where MkDocs'
server polls every watched file twice a second; it polls only where there are no file events.

This subclasses `mkdocs.livereload.LiveReloadServer`, replaces its file observer and overrides
two of its methods (`_serve_request`, `watch`): MkDocs is pinned to 1.6.1 (requirements/), and
the tests drive the real server, so a change there shows.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import watchdog.events
import watchdog.observers
import watchdog.observers.polling
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url

from preview import errorpage
from preview.build import Builder

log = logging.getLogger("mkdocs.preview")


class PreviewServer(LiveReloadServer):
    page_wait = 5.0  # seconds a page request waits for a rebuild under way before it is told to wait

    def __init__(self, builder: Builder, host: str, port: int, mount_path: str) -> None:
        self.preview = builder
        super().__init__(builder=self._rebuild, host=host, port=port, root=builder.site_dir, mount_path=mount_path)
        # The system's file events (inotify, FSEvents, ...), not MkDocs' polling: polling walks and
        # stats every watched file twice a second, in the server's process, while a build runs
        # too (24,000 files at 10k claims), and notices a save up to half a second late.
        self.observer = watchdog.observers.Observer()
        self._handlers: dict[str, tuple[Any, str, bool]] = {}  # watched path -> (handler, folder, recursive)

    def _rebuild(self) -> None:
        log.info("Building the site...")
        self.preview.build()  # never raises: a failure is kept for _serve_request to show

    def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if not path.startswith("/livereload/") and (path + "/").startswith(self.mount_path) and _is_page(path):
            # As the parent does, wait for a rebuild under way, then answer for the site it left;
            # but not for long: a build that takes minutes (or never ends) gets a page that says
            # so and reloads by itself when the build is over, not a tab that hangs.
            with self._epoch_cond:
                done = self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch, timeout=self.page_wait)
                epoch = self._visible_epoch
            if not done:
                since = self.preview.building_since
                body = self._inject_js_into_html(errorpage.building(since).encode("utf-8"), epoch)
                start_response(
                    "503 Service Unavailable",
                    [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))), ("Cache-Control", "no-store"), ("Retry-After", "2")],
                )
                return [body]
            failure = self.preview.failure
            if failure is not None:
                body = self._inject_js_into_html(errorpage.render(failure).encode("utf-8"), epoch)
                start_response(
                    "500 Internal Server Error",
                    [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))), ("Cache-Control", "no-store")],
                )
                return [body]
        return super()._serve_request(environ, start_response)

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """As the parent's, except that changes to the pages the build itself writes into docs/
        (one per claim, entity and source) do not start another build."""
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1
        # A file (mkdocs.yml, macros.py) through its folder: an editor that saves by writing a new
        # file and renaming it over the old one leaves a watch on the old file with nothing to see.
        only = path if os.path.isfile(path) else None
        where, recursive = (os.path.dirname(path), False) if only else (path, recursive)

        def callback(event: watchdog.events.FileSystemEvent) -> None:
            # A file opened or closed unchanged (file events report reads, the build's own too).
            if event.is_directory or event.event_type in (watchdog.events.EVENT_TYPE_OPENED, watchdog.events.EVENT_TYPE_CLOSED_NO_WRITE):
                return
            paths = [os.path.normpath(os.fsdecode(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
            if only is not None and only not in paths:
                return
            if all(self._written_by_build(p) for p in paths):
                return
            log.debug(str(event))
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = callback  # type: ignore[method-assign]
        self._handlers[path] = (handler, where, recursive)
        try:
            self._watch_refs[path] = self.observer.schedule(handler, where, recursive=recursive)
        except OSError as exc:  # no file events here (a watch limit, say): poll, as `mkdocs serve` does
            if self.observer.is_alive() or isinstance(self.observer, watchdog.observers.polling.PollingObserver):
                raise
            log.warning(f"Watching files by polling ({exc})")
            self.observer = watchdog.observers.polling.PollingObserver(timeout=0.5)
            for p, (h, w, r) in self._handlers.items():
                self._watch_refs[p] = self.observer.schedule(h, w, recursive=r)


    def _written_by_build(self, path: str) -> bool:
        """A page the build writes from the records, or the temporary file it writes it through
        (`.NAME.PID.tmp` beside it, moved into place)."""
        if path in self.preview.generated:
            return True
        folder, name = os.path.split(path)
        parts = name.split(".")
        return len(parts) >= 4 and parts[0] == "" and parts[-1] == "tmp" and os.path.join(folder, ".".join(parts[1:-2])) in self.preview.generated


def _is_page(path: str) -> bool:
    """A request for a page (not a stylesheet, script, image or the search index)."""
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last


def serve(config_file: str, host: str = "127.0.0.1", port: int = 8000, *, incremental: bool = True, open_browser: bool = False) -> None:
    """Build, serve and rebuild on every change until Ctrl-C, like `mkdocs serve --strict`."""
    site_dir = tempfile.mkdtemp(prefix="briefing-preview-")
    try:
        # A broken mkdocs.yml at start-up stops here, as it stops `mkdocs serve`.
        config = load_config(config_file=config_file, site_dir=site_dir, strict=True)
        mount_path = urlsplit(config.site_url or "/").path
        builder = Builder(config_file, site_dir, _serve_url(host, port, mount_path), incremental=incremental)
        server = PreviewServer(builder, host, port, mount_path)
        builder.build()
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        config.plugins.on_serve(server, config=config, builder=server.builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve(open_in_browser=open_browser)
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
            config.plugins.on_shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
