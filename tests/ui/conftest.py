"""One workspace of small composed plans and one launched app per test session (loopback, free port)."""
from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from tests.ui.corpus import write_corpus

#: Screenshots and other artefacts a person should look at.
OUTPUT_DIR = Path(os.environ.get("PLANKG_TEST_OUTPUT", Path(__file__).resolve().parents[2] / "build" / "test-output")) / "ui"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def app_home(tmp_path_factory) -> Path:
    """A workspace (records, graph, index with the real model) built from the composed plans."""
    from plankg.workspace import Workspace

    root = tmp_path_factory.mktemp("ui")
    paths = write_corpus(root / "inputs")
    home = root / "workspace"
    Workspace(home).build(paths)
    return home


@pytest.fixture(scope="session")
def app_data(app_home):
    from plankg.ui.data import AppData

    data = AppData(app_home)
    data.warm()
    return data


@pytest.fixture(scope="session")
def app_url(app_data):
    """The app served on a free loopback port for the whole session."""
    from plankg.ui.app import launch

    demo = launch(app_data, host="127.0.0.1", port=free_port(), block=False)
    yield demo.local_url.rstrip("/") + "/"
    demo.close()


@pytest.fixture(scope="session")
def client(app_url):
    from gradio_client import Client

    return Client(app_url, verbose=False)


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    return OUTPUT_DIR
