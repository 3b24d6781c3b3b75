"""Stage 6, report: claims, findings and document statuses → an .xlsx workbook and JSON.

Reads the typed records of :mod:`factcheck.records`; writes files only, each
atomically (:mod:`.atomic`). Modules, in the order data flows through them:

* :mod:`.columns`: every sheet's columns and the workbook marker, defined once
* :mod:`.merge`: analyst input carried to the same findings, retired rows (pure)
* :mod:`.summary`: RunInfo, finding order, counts (shared by both outputs)
* :mod:`.rows`: records → row values (pure); :mod:`.links`: where links point (pure)
* :mod:`.cells`: one cell written safely (text never a formula) and styled
* :mod:`.conditional`: colours as conditional formats that follow the verdict cells
* :mod:`.tables`: Excel tables, widths, heights, the verdict dropdown, print setup
* :mod:`.parts`: Excel's row limit: a longer table continues on numbered sheets (pure)
* :mod:`.previous`: the workbook already at the path, read defensively
* :mod:`.backup`: the timestamped copy of it; :mod:`.atomic`: replacing it
* :mod:`.overview`: the Summary sheet; :mod:`.workbook`: the other sheets and the round trip
* :mod:`.jsonout`: the JSON file
* :mod:`.frames`: records → pandas DataFrames with real dtypes; :mod:`.tabular`: them as
  CSV (read back exactly) and Parquet files

Example::

    info = RunInfo(run_date="2024-05-01", tool_version=__version__,
                   rules_version="2024.1", inputs=("stukken/",))
    merge = write_workbook(Path("reports/factcheck.xlsx"), info, claims, findings, documents)
    write_json(Path("reports/factcheck.json"), info, claims, findings, documents, merge)
    print(merge.describe())  # carried over 3 analyst verdicts/notes, retired 1 finding, ...
"""

from factcheck.report.jsonout import report_dict, write_json
from factcheck.report.merge import Merge
from factcheck.report.summary import RunInfo
from factcheck.report.workbook import build_workbook, write_workbook

__all__ = ["Merge", "RunInfo", "build_workbook", "report_dict", "write_json", "write_workbook"]
