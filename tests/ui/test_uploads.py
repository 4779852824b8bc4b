"""Uploads are confined to the app's own upload folder, keyed by content, named as the user named them,
removable, and gone from the temporary folder once read (the launched app on loopback and the uploader)."""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

import httpx
import pytest

from plankg.ui.uploads import MAX_UPLOAD_MB, Uploader, upload_dir

pytestmark = pytest.mark.slow

PLAN = """椒江区科技局{year}年科技工作要点

一、主要目标
1.新增省级重点实验室{labs}个(区科技局)。
"""


def _rows(table: dict) -> list[dict]:
    return [dict(zip(table["headers"], row)) for row in table["data"]]


def gradio_upload(folder: Path, name: str, text: str | bytes) -> Path:
    """A file where Gradio puts an upload: ``<folder>/<a folder of its own>/<name>``."""
    path = folder / uuid.uuid4().hex / name
    path.parent.mkdir(parents=True)
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


def call_upload(app_url: str, payload: list[dict]) -> str:
    """The app's /upload API called the raw way, with whatever a client chooses to send."""
    base = app_url.rstrip("/")
    event = httpx.post(f"{base}/gradio_api/call/upload", json={"data": [payload]}, timeout=30).json()["event_id"]
    return httpx.get(f"{base}/gradio_api/call/upload/{event}", timeout=300).text


def test_the_uploader_takes_only_regular_files_gradio_put_in_its_folder(app_data, tmp_path):
    folder = tmp_path / "gradio"
    uploader = Uploader(app_data, folder)
    before = len(app_data.documents())
    secret = tmp_path / "server" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(PLAN.format(year=2031, labs=99), "utf-8")
    link = folder / "abc" / "link.txt"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    loose = folder / "loose.txt"
    loose.write_text("x", "utf-8")
    dotted = str(folder / "abc" / ".." / ".." / "server" / "secret.txt")
    rows = uploader.add([str(secret), str(link), str(loose), dotted, "secret.txt"])
    assert [r["detail"] for r in rows] == ["refused: not a file uploaded to this app"] * 5
    assert all("\n" not in r["detail"] for r in rows)
    assert len(app_data.documents()) == before
    assert secret.is_file() and loose.is_file()  # never deleted: they are not uploads


def test_same_named_uploads_are_two_documents_and_nothing_stays_in_the_folder(app_data, tmp_path):
    folder = tmp_path / "gradio"
    uploader = Uploader(app_data, folder)
    before = {d["doc"] for d in app_data.documents()}
    first = gradio_upload(folder, "plan.txt", PLAN.format(year=2031, labs=7))
    second = gradio_upload(folder, "plan.txt", PLAN.format(year=2032, labs=8))
    again = gradio_upload(folder, "copy.txt", PLAN.format(year=2031, labs=7))
    refused = gradio_upload(folder, "notes.exe", b"MZ")
    big = gradio_upload(folder, "big.txt", b"")
    with big.open("wb") as fh:
        fh.truncate(MAX_UPLOAD_MB * 2**20 + 1)
    rows = uploader.add([str(p) for p in (first, second, again, refused, big)])
    by_status = [(r["file"], r["status"]) for r in rows]
    assert ("plan.txt", "added") in by_status and by_status.count(("plan.txt", "added")) == 2
    assert ("copy.txt", "already in the corpus") in by_status
    assert ("notes.exe", "error") in by_status and ("big.txt", "error") in by_status
    assert any("stored as plan (2).txt" in r["detail"] for r in rows)
    # The corpus list and the warnings use the names users gave, never an internal name.
    documents = {d["doc"]: d for d in app_data.documents()}
    assert {"plan.txt", "plan (2).txt"} <= set(documents) and documents["plan (2).txt"]["uploaded_as"] == "plan.txt"
    shown = " ".join([*documents, *app_data.warnings(), *(r["detail"] for r in rows)])
    assert "upload-" not in shown and str(folder) not in shown and ".read-" not in shown
    # Every upload, refused ones included, is gone from the upload folder.
    assert [p for p in folder.rglob("*") if p.is_file()] == []
    # Removing rebuilds without it.
    assert sorted(uploader.uploads()) == ["plan (2).txt", "plan.txt"]
    for label in ("plan.txt", "plan (2).txt"):
        (row,) = uploader.remove(label)
        assert row["status"] == "removed", row
    assert {d["doc"] for d in app_data.documents()} == before
    assert uploader.remove("plan.txt")[0]["detail"] == "not an upload of this workspace"


def test_the_launched_app_refuses_server_files_and_uploads_to_the_workspace_folder(app_url, app_home, app_data,
                                                                                    tmp_path):
    assert os.environ["GRADIO_TEMP_DIR"] == str(upload_dir(app_home).resolve())
    before = len(app_data.documents())
    secret = tmp_path / "secret.txt"
    secret.write_text(PLAN.format(year=2033, labs=99), "utf-8")
    # A file in the machine-wide /tmp/gradio that Gradio accepted as an upload when it was its folder.
    shared = Path(tempfile.gettempdir()) / "gradio" / f"plankg-test-{uuid.uuid4().hex}" / "plan.txt"
    shared.parent.mkdir(parents=True)
    shared.write_text(PLAN.format(year=2034, labs=98), "utf-8")
    try:
        for path in (secret, shared):
            result = call_upload(app_url, [{"path": str(path), "meta": {"_type": "gradio.FileData"}}])
            assert "event: error" in result, result
    finally:
        shutil.rmtree(shared.parent)
    assert len(app_data.documents()) == before
    assert not any("99个" in d.text or "98个" in d.text for d in app_data.kg.corpus.documents)
    # The page says which workspace it serves and writes to.
    config = httpx.get(f"{app_url.rstrip('/')}/config", timeout=30).text
    assert str(app_home) in config and "Uploads are added to this workspace" in config


def test_an_upload_through_the_client_clears_the_box_and_can_be_removed(client, app_home, app_data, tmp_path):
    from gradio_client import handle_file

    before = {d["doc"] for d in app_data.documents()}
    mine = tmp_path / "我的计划.txt"
    mine.write_text(PLAN.format(year=2035, labs=5), "utf-8")
    report, documents, _repairs, _warnings, _status, box, _choices = client.predict(
        [handle_file(str(mine))], api_name="/upload")
    assert [(r["文件 file"], r["状态 status"]) for r in _rows(report)] == [("我的计划.txt", "added")]
    assert box is None  # the upload box is emptied
    assert "我的计划.txt" in {r["文件 file"] for r in _rows(documents)}
    assert [p for p in upload_dir(app_home).rglob("我的计划.txt")] == []  # read, then deleted
    report, documents, *_ = client.predict("我的计划.txt", api_name="/remove_upload")
    assert _rows(report)[0]["状态 status"] == "removed"
    assert {d["doc"] for d in app_data.documents()} == before


def test_an_upload_may_be_any_format_the_readers_take(app_data, tmp_path):
    """A spreadsheet of targets is accepted like a .txt: the app takes what the reader registry reads."""
    import io

    import openpyxl

    folder = tmp_path / "gradio"
    uploader = Uploader(app_data, folder)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["某县科技局2031年重点工作任务表"])
    sheet.append(["序号", "指标", "目标", "牵头单位", "配合单位"])
    sheet.append([1, "新增高新技术企业", "17家", "县科技局", "县财政局"])
    buffer = io.BytesIO()
    book.save(buffer)
    sheet_path = gradio_upload(folder, "tasks.xlsx", buffer.getvalue())
    rows = uploader.add([str(sheet_path)])
    assert [(r["file"], r["status"]) for r in rows] == [("tasks.xlsx", "added")], rows
    targets = [t for t in app_data.targets() if t["value"] == 17 and t["unit"] == "家"]
    assert targets and "县科技局" in " ".join(str(o) for o in targets[0]["owners"])
    uploader.remove("tasks.xlsx")
