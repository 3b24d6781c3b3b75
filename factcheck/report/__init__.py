"""Stage 6, report: claims, findings and document statuses → an .xlsx workbook and JSON.

Reads the typed records of :mod:`factcheck.records`; writes files only, each
atomically (:mod:`.atomic`). Modules, in the order data flows through them:

* :mod:`.summary`: RunInfo, finding order, counts (shared by both outputs)
* :mod:`.columns`: every sheet's columns, defined once
* :mod:`.rows`: records → row values (pure)
* :mod:`.cells`: one cell written safely (text never a formula) and styled
* :mod:`.workbook`: the four sheets; :mod:`.jsonout`: the JSON file

Example::

    info = RunInfo(run_date="2024-05-01", tool_version=__version__,
                   rules_version="2024.1", inputs=("stukken/",))
    write_workbook(Path("reports/factcheck.xlsx"), info, claims, findings, documents)
"""

from factcheck.report.jsonout import report_dict, write_json
from factcheck.report.summary import RunInfo
from factcheck.report.workbook import build_workbook, write_workbook

__all__ = ["RunInfo", "build_workbook", "report_dict", "write_json", "write_workbook"]
