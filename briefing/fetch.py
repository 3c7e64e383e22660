"""Fetch a page for `add-source`: http(s) only, a bounded number of redirects, a size limit, a timeout.

urllib from the standard library, with its own redirect handling turned off: each redirect is
followed here, so that every hop is checked (http or https only, at most `MAX_REDIRECTS`) and
recorded for the archive. The body is read as sent (`Accept-Encoding: identity`); a server that
compresses anyway is decoded by the archive reader, within the same size limit.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.parse
import urllib.request
from email.message import Message
from typing import IO

from briefing.archive import MAX_ORIGINAL_BYTES, Hop

MAX_REDIRECTS = 5
TIMEOUT = 30.0  # seconds for the whole fetch, redirects included
USER_AGENT = "briefing-add-source/1 (+a fact-checked briefing; one page, fetched once by an editor)"


class FetchError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        return None  # urllib then hands the 3xx response back as an HTTPError, which `fetch` follows


_OPENER = urllib.request.build_opener(_NoRedirect)


def check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise FetchError("fetch-scheme", f"only http:// and https:// addresses can be fetched, not {url!r}")
    return url


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_ORIGINAL_BYTES) -> list[Hop]:
    """Every response from `url` to the page: redirects first, the page (2xx) last."""
    hops: list[Hop] = []
    current = check_url(url)
    deadline = time.monotonic() + timeout
    while True:
        req = urllib.request.Request(current, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity", "Accept": "*/*"})
        try:
            resp = _OPENER.open(req, timeout=max(0.1, deadline - time.monotonic()))
        except urllib.error.HTTPError as exc:
            resp = exc  # a 3xx (redirects are not followed by urllib here) or an error status
        except TimeoutError:
            raise FetchError("fetch-timeout", f"no answer from {current} within {timeout:g} s") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise FetchError("fetch-timeout", f"no answer from {current} within {timeout:g} s") from None
            raise FetchError("fetch-failed", f"cannot reach {current}: {reason}") from None
        except (OSError, ValueError, UnicodeError, http.client.HTTPException) as exc:
            raise FetchError("fetch-failed", f"cannot reach {current}: {type(exc).__name__} {exc}".rstrip()) from None
        with resp:
            status = int(resp.status or 0)
            headers: Message = resp.headers
            pairs = [(k, str(v)) for k, v in headers.items()]
            reason = str(getattr(resp, "reason", "") or "")
            if status in (301, 302, 303, 307, 308):
                location = headers.get("Location")
                hops.append(Hop(current, status, reason, pairs))
                if not location:
                    raise FetchError("fetch-failed", f"{current} answered {status} (a redirect) without saying where to")
                if len(hops) > MAX_REDIRECTS:
                    raise FetchError("fetch-too-many-redirects", f"more than {MAX_REDIRECTS} redirects from {url}; last: {current}")
                current = check_url(urllib.parse.urljoin(current, location))
                continue
            if not 200 <= status < 300:
                raise FetchError("fetch-status", f"{current} answered {status} {reason}".rstrip())
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchError("fetch-too-large", f"{current} is {int(length):,} bytes, over the limit of {max_bytes:,}")
            body = _read(resp, current, max_bytes, timeout, deadline)
            hops.append(Hop(current, status, reason, pairs, body))
            return hops


def _read(resp: IO[bytes], url: str, max_bytes: int, timeout: float, deadline: float) -> bytes:
    chunks: list[bytes] = []
    total = 0
    try:
        while chunk := resp.read1(64 * 1024) if hasattr(resp, "read1") else resp.read(64 * 1024):
            if time.monotonic() > deadline:  # a server that drips bytes never trips the socket timeout
                raise FetchError("fetch-timeout", f"{url} took longer than {timeout:g} s to send the page")
            total += len(chunk)
            if total > max_bytes:
                raise FetchError("fetch-too-large", f"{url} sent more than the limit of {max_bytes:,} bytes")
            chunks.append(chunk)
    except TimeoutError:
        raise FetchError("fetch-timeout", f"{url} took longer than {timeout:g} s to send the page") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:  # connection reset, a malformed chunk
        raise FetchError("fetch-failed", f"the connection to {url} broke: {exc}") from None
    return b"".join(chunks)
