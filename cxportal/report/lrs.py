"""Reading statements from a Learning Record Store: the xAPI statements resource, a page at a time.

Only GET /statements with `since`, `until`, `limit` and the `more` link every LRS implements
(xAPI 1.0.3, part three, 2.1.3). Statements are yielded one by one, so a report never holds more
than one page of them. A page that is not the JSON an LRS sends is an `LrsError` with what came
back, never a traceback.
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

XAPI_VERSION = "1.0.3"


class LrsError(Exception):
    """The LRS could not be read: unreachable, refused, or not speaking xAPI."""


@dataclass(frozen=True)
class LrsSource:
    """Where the statements are: the statements endpoint's base URL and how to sign in."""

    endpoint: str  # e.g. http://127.0.0.1:8100/xAPI/ (the part before "statements")
    username: str = ""
    password: str = ""
    since: str = ""
    until: str = ""
    page_size: int = 1000  # Ralph answers at most its RUNSERVER_MAX_SEARCH_HITS_COUNT (100 unless set) per page
    timeout: float = 60.0

    def first_url(self) -> str:
        query = {"limit": str(self.page_size)}
        if self.since:
            query["since"] = self.since
        if self.until:
            query["until"] = self.until
        return urllib.parse.urljoin(self.endpoint.rstrip("/") + "/", "statements") + "?" + urllib.parse.urlencode(query)

    def _get(self, url: str) -> dict:
        headers = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"}
        if self.username:
            token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                body = response.read()
        except urllib.error.HTTPError as e:
            raise LrsError(f"{url}: the LRS answered {e.code} {e.reason}") from None
        except (urllib.error.URLError, OSError) as e:
            raise LrsError(f"{url}: cannot reach the LRS ({getattr(e, 'reason', e)})") from None
        try:
            page = json.loads(body)
        except ValueError:
            raise LrsError(f"{url}: the LRS did not answer with JSON ({body[:80]!r})") from None
        if not isinstance(page, dict) or not isinstance(page.get("statements"), list):
            raise LrsError(f"{url}: the answer has no list of statements")
        return page

    def statements(self) -> Iterator[object]:
        """Every statement in the time window, page after page, following `more`."""
        url: str | None = self.first_url()
        previous = ""
        while url:
            if url == previous:  # an LRS that sends the same `more` again would loop for ever
                raise LrsError(f"{url}: the LRS sent the same page link twice")
            previous = url
            page = self._get(url)
            yield from page["statements"]
            more = page.get("more")
            url = urllib.parse.urljoin(self.endpoint, more) if isinstance(more, str) and more else None
