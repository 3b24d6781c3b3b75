"""OCR for scanned PDF pages (``--ocr``): ocrmypdf when installed, else tesseract page by page.

ocrmypdf adds a text layer to the pages that have none (``--skip-text``) and
keeps the others; the result is read like any PDF, so columns, footnotes and
tables are found as usual. Without ocrmypdf each scanned page is rendered at
300 dpi and read by the tesseract binary with its Dutch model (``nld``).
Nothing is downloaded: both are system tools (see README, "Scans and OCR").
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2

INSTALL = "apt-get install ocrmypdf tesseract-ocr-nld"
LANGUAGE = "nld"
SECONDS_PER_PAGE = 120  # an OCR run that takes longer per page has hung


@dataclass(frozen=True)
class OcrTools:
    """The OCR programs on this machine; ``problem`` says why OCR cannot run, if it cannot."""

    ocrmypdf: str | None
    tesseract: str | None
    problem: str | None = None  # "--ocr needs tesseract, which is not installed"
    fix: str = INSTALL

    @property
    def warning(self) -> str:
        return f"{self.problem}: {self.fix}"


def find_tools() -> OcrTools:
    """Look for ocrmypdf and tesseract with its Dutch model."""
    tesseract = shutil.which("tesseract")
    ocrmypdf = shutil.which("ocrmypdf")
    if tesseract is None:
        return OcrTools(None, None, "--ocr needs tesseract, which is not installed")
    try:
        listed = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True,
                                timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return OcrTools(None, None, f"--ocr: tesseract does not run ({exc})",
                        "reinstall it: " + INSTALL)
    languages = (listed.stdout + listed.stderr).split()
    if LANGUAGE not in languages:
        return OcrTools(None, None, "--ocr needs tesseract's Dutch model, which is not "
                        "installed", "apt-get install tesseract-ocr-nld")
    return OcrTools(ocrmypdf, tesseract)


def ocrmypdf_layer(data: bytes, ocrmypdf: str, pages: int) -> bytes | None:
    """The PDF with a text layer added to its pages without one; None when ocrmypdf fails."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "in.pdf", Path(folder) / "out.pdf"
        source.write_bytes(data)
        try:
            result = subprocess.run(
                [ocrmypdf, "-l", LANGUAGE, "--skip-text", "--output-type", "pdf",
                 "--optimize", "0", "--quiet", str(source), str(target)],
                capture_output=True, timeout=SECONDS_PER_PAGE * max(pages, 1), check=False)
        except (OSError, subprocess.SubprocessError):
            return None
        if result.returncode != 0 or not target.is_file():
            return None
        return target.read_bytes()


def tesseract_page(page: pypdfium2.PdfPage, tesseract: str) -> list[str]:
    """Text lines of one scanned page from the tesseract binary (Dutch model)."""
    bitmap = page.render(scale=300 / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    pixels = bytes(bitmap.buffer)
    rows = b"".join(pixels[y * stride:y * stride + width] for y in range(height))
    with tempfile.TemporaryDirectory() as folder:
        image = Path(folder) / "page.pgm"
        image.write_bytes(b"P5 %d %d 255\n" % (width, height) + rows)
        try:
            result = subprocess.run([tesseract, str(image), "stdout", "-l", LANGUAGE],
                                    capture_output=True, text=True, timeout=SECONDS_PER_PAGE,
                                    check=False)
        except (OSError, subprocess.SubprocessError):
            return []
    return result.stdout.splitlines() if result.returncode == 0 else []
