"""``python -m benchmarks.huge --mb 50``: one huge Dutch text file, whole and its first half.

Builds a text of ``--mb`` megabytes from the bundled examples, each copy
with its figures changed (so claims differ and linking has work), runs
``factcheck check`` on it and on its first half in a fresh process each, and
reports wall time, peak memory (the process and its children, from
``getrusage``) and the time ratio whole ÷ half (the README's target: at most
2,2). Writes nothing but the optional ``--json`` file.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
_FIGURE = re.compile(r"(?<![\d.,])\d[\d.]*\d(?![\d])")


def vary(text: str, copy: int) -> str:
    """The figures of one copy: the last two digits of each multi-digit figure shifted."""
    def change(match: re.Match[str]) -> str:
        figure = match.group()
        if len(figure) == 4 and figure[:2] in ("19", "20"):
            return figure  # a year
        tail = (int(figure[-2:].replace(".", "0")) + copy) % 100 if figure[-2] != "." else None
        if tail is None:
            return figure[:-1] + str((int(figure[-1]) + copy) % 10)
        return figure[:-2] + f"{tail:02d}"
    return _FIGURE.sub(change, text)


def huge_text(target: Path, megabytes: float) -> Path:
    """Copies of the examples, figures varied per copy, up to ``megabytes`` MB (UTF-8)."""
    sources = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    limit = int(megabytes * 1_000_000)
    written, copy = 0, 0
    with target.open("w", encoding="utf-8") as out:
        while written < limit:
            piece = vary(sources[copy % len(sources)], copy) + "\n\n"
            data = piece.encode("utf-8")[: limit - written].decode("utf-8", "ignore")
            out.write(data)
            written += len(data.encode("utf-8"))
            copy += 1
    return target


def first_part(source: Path, target: Path, fraction: float) -> Path:
    """The first ``fraction`` of a text, cut at a paragraph break."""
    text = source.read_text(encoding="utf-8")
    cut = text.rfind("\n\n", 0, int(len(text) * fraction))
    target.write_text(text[: cut if cut > 0 else int(len(text) * fraction)], encoding="utf-8")
    return target


def timed_check(path: Path, folder: Path) -> dict[str, Any]:
    """``factcheck check path`` in a fresh process: seconds, peak MB, exit status, stderr."""
    out = folder / f"{path.stem}.xlsx"
    command = [sys.executable, "-c", "import sys; from factcheck.cli import main; "
               "sys.exit(main())", "check", str(path), "--out", str(out),
               "--no-cache", "--jobs", "1", "--progress"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    last = [line for line in done.stderr.replace("\r", "\n").splitlines() if line.strip()]
    return {"seconds": round(seconds, 1), "peak_mb": round(max(peak, before) / 1024),
            "exit": done.returncode, "summary": last[-1] if last else "",
            "progress_lines": sum(1 for line in done.stderr.splitlines() if "%|" in line)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.huge", description=__doc__)
    parser.add_argument("--mb", type=float, default=50.0, help="size of the text in MB")
    parser.add_argument("--json", type=Path, default=None, help="write the numbers here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factcheck-huge-") as name:
        folder = Path(name)
        whole = huge_text(folder / "huge.txt", args.mb)
        half = first_part(whole, folder / "half.txt", 0.5)
        result = {"mb": args.mb, "half": timed_check(half, folder),
                  "whole": timed_check(whole, folder)}
    result["ratio"] = round(result["whole"]["seconds"] / max(result["half"]["seconds"], 0.1), 2)
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
