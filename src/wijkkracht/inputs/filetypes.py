"""What kind of document a file is, by its first bytes (and, for the office formats, the
parts inside their ZIP container), never by its name: a renamed program or web page is no
document. Only the types a case needs are known: PDF, ODT, DOCX, PNG and JPEG."""

from __future__ import annotations

import io
import zipfile

PDF, ODT, DOCX = "application/pdf", "application/vnd.oasis.opendocument.text", \
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PNG, JPEG = "image/png", "image/jpeg"
EXTENSIONS = {PDF: "pdf", ODT: "odt", DOCX: "docx", PNG: "png", JPEG: "jpg"}
ZIP_MAGIC = b"PK\x03\x04"


def _office(content: bytes) -> str | None:
    """ODT or DOCX inside a ZIP container, by the parts each format must hold."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 100:
                    kind = archive.read("mimetype").strip()
                    if kind == ODT.encode():
                        return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return None
    return None


def sniff(content: bytes) -> str | None:
    """The document's media type, or None when it is none of the accepted kinds."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(ZIP_MAGIC):
        return _office(content)
    return None


def safe_name(name: str, content_type: str, limit: int = 120) -> str:
    """A file name to keep and offer on download: no folders, no control characters, and
    the extension of what the file really is."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable() and c not in '<>:"|?*').strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem[:limit] or "document"
    return f"{stem}.{EXTENSIONS[content_type]}"
