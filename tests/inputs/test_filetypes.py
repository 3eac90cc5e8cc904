"""Recognising documents by their content (pure code, no database)."""

from __future__ import annotations

import io
import zipfile

import pytest

from wijkkracht.inputs import filetypes as ft


def zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


ODT_BYTES = zipped({"mimetype": ft.ODT.encode(), "content.xml": b"<office:document/>"})
DOCX_BYTES = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


@pytest.mark.parametrize("content, kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", ft.PDF),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ft.PNG),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", ft.JPEG),
    (ODT_BYTES, ft.ODT),
    (DOCX_BYTES, ft.DOCX),
])
def test_documents_are_recognised_by_their_content(content, kind):
    assert ft.sniff(content) == kind


@pytest.mark.parametrize("content", [
    b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows program
    b"<!DOCTYPE html><script>alert(1)</script>",
    b"#!/bin/sh\nrm -rf /\n",
    b"GIF89a\x01\x00",
    zipped({"evil.exe": b"MZ"}),  # a ZIP that is no office document
    zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
    b"PK\x03\x04 broken zip",
    b"",
])
def test_anything_else_is_no_document(content):
    assert ft.sniff(content) is None


def test_the_name_kept_has_no_folder_and_the_real_extension():
    assert ft.safe_name("../../etc/brief.exe", ft.PDF) == "brief.pdf"
    assert ft.safe_name("C:\\Users\\x\\verslag MDO.docx", ft.DOCX) == "verslag MDO.docx"
    assert ft.safe_name("...", ft.PNG) == "document.png"
    assert ft.safe_name("a\x00b\nc.jpg", ft.JPEG) == "abc.jpg"
