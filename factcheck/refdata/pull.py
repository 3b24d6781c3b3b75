"""Pull a CBS StatLine table from the OData v4 API into the snapshot layout.

``pull(table, into, fetch)`` asks ``fetch`` (a function URL → parsed JSON; plain
HTTP by default, a recorded-response replayer in tests) for the table's
properties, dimensions, measure codes, each dimension's codes and the
observations (following ``@odata.nextLink`` page by page), and writes them as
:mod:`.snapshot` reads them, with ``index.json`` saying when and from where.
Files are written to a temporary folder and moved into place, so a failed pull
never leaves half a table.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from factcheck.refdata.snapshot import SnapshotError

API = "https://datasets.cbs.nl/odata/v1/CBS"
Fetch = Callable[[str], Any]


def http_fetch(url: str) -> Any:  # pragma: no cover - needs the internet
    """GET a URL and parse its JSON."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise SnapshotError(f"{url}: could not be fetched ({exc}) — check the table id and "
                             "the internet connection") from exc


def dump(data: Any) -> str:
    """JSON as the snapshots hold it: one-space indent, UTF-8 text."""
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def observations_url(source: str, odata_filter: str | None) -> str:
    url = f"{source}/Observations"
    if odata_filter:
        url += "?" + urllib.parse.urlencode({"$filter": odata_filter}, quote_via=urllib.parse.quote)
    return url


def pull(table: str, into: Path, fetch: Fetch = http_fetch, odata_filter: str | None = None,
         now: datetime | None = None, api: str = API) -> Path:
    """Download ``table`` into ``into/<table>``; returns that folder."""
    source = f"{api}/{table}"
    files: dict[str, str] = {}
    contents: dict[str, str] = {}

    def keep(key: str, data: Any) -> Any:
        files[key] = f"{key}.json"
        contents[files[key]] = dump(data)
        return data

    keep("properties", fetch(f"{source}/Properties"))
    dimensions = keep("dimensions", fetch(f"{source}/Dimensions"))
    keep("measure-codes", fetch(f"{source}/MeasureCodes"))
    for dimension in dimensions.get("value", ()):
        name = str(dimension["Identifier"])
        keep(f"codes-{name}", fetch(f"{source}/{name}Codes"))
    pages: list[str] = []
    rows = 0
    url: str | None = observations_url(source, odata_filter)
    while url:
        page = fetch(url)
        pages.append(f"observations-page-{len(pages) + 1}.json")
        contents[pages[-1]] = dump(page)
        rows += len(page.get("value", ()))
        url = page.get("@odata.nextLink")
    stamp = (now or datetime.now(UTC)).astimezone(UTC)
    index = {"tableId": table,
             "capturedAt": stamp.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
             "source": source, "sliceFilter": odata_filter, "captureOnlySlice": None,
             "observationRows": rows, "observationPages": pages, "files": files}
    contents["index.json"] = dump(index)
    return _write(Path(into), table, contents)


def _write(into: Path, table: str, contents: dict[str, str]) -> Path:
    into.mkdir(parents=True, exist_ok=True)
    target = into / table
    staging = Path(tempfile.mkdtemp(prefix=f".{table}.", dir=into))
    try:
        for name, text in contents.items():
            (staging / name).write_text(text, encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise SnapshotError(f"{target}: could not be written ({exc.strerror}) — choose "
                             "another --into folder") from exc
    return target
