"""Fixtures: a fake concept encoder and a small hand-built corpus (fast); the real model (slow)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from plankg.embeddings.encoder import Encoder
from plankg.embeddings.model import ModelInfo
from plankg.ingest.records import Cell, Clause, Corpus, Document, Entity, Target

# Words that the fake encoder maps to the same direction, so "meaning" can be tested without a model.
CONCEPTS = {
    "incubator": ("孵化", "众创空间", "苗圃"),
    "tutoring": ("一对一", "辅导", "指导"),
    "contest": ("大赛", "比赛"),
    "envoy": ("特派员", "下基层"),
    "talent": ("人才", "引才"),
    "finance": ("证券化", "融资"),
}


class FakeEncoder(Encoder):
    """Deterministic vectors: the sum of the concepts a text mentions plus a little per-text noise.

    Counts the texts it encodes, so tests can check what a build embedded.
    """

    def __init__(self, dim: int = 32, name: str = "fake-concepts") -> None:
        info = ModelInfo(path=Path("/nonexistent") / name, name=name, fingerprint="0", dim=dim,
                         max_seq_length=512, pooling="mean", overridden=False)
        super().__init__(info, "fake")
        rng = np.random.default_rng(7)
        self.concept_vectors = {c: rng.standard_normal(dim) for c in CONCEPTS}
        self.encoded: list[str] = []

    def encode(self, texts, batch_size=32, progress=False):
        self.encoded.extend(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16)
            vector = 0.3 * np.random.default_rng(seed).standard_normal(self.dim)
            for concept, words in CONCEPTS.items():
                if any(w in text for w in words):
                    vector += self.concept_vectors[concept]
            out[i] = vector / np.linalg.norm(vector)
        return out


def make_document(doc_id: str, name: str, clauses: list[tuple[str, str]], **meta) -> tuple[Document, list[Clause]]:
    """A document whose text is its clause texts, one a line; ``clauses`` holds (kind, text) pairs."""
    text = "\n".join(t for _, t in clauses)
    records = []
    position = 0
    section: tuple[str, ...] = ()
    for number, (kind, clause_text) in enumerate(clauses):
        start, end = position, position + len(clause_text)
        position = end + 1
        cells = ()
        if kind == "table_row":
            values = clause_text.split("|")
            cells = tuple(Cell(f"列{j}", v, start, end) for j, v in enumerate(values))
        records.append(Clause(id=f"{doc_id}-cl{number}", doc_id=doc_id, parent_id=None, kind=kind, number="",
                              text=clause_text, start=start, end=end, section_path=section,
                              cells=cells))
        if kind == "heading":
            section = (clause_text,)
    defaults = dict(part=0, title=name, issuer=None, region=None, region_level=None, parent_region=None,
                    doc_type="other", years=(), reported_years=(), published=None)
    defaults.update(meta)
    return Document(id=doc_id, path=f"/plans/{name}", source_name=name, text=text, **defaults), records


def make_corpus(drop: str | None = None, edit: tuple[str, str] | None = None) -> Corpus:
    """Three plans of two cities. ``drop`` leaves one document out; ``edit`` = (old, new) rewrites a clause."""
    specs = [
        ("doc-wz", "wz_plan.txt", [
            ("heading", "一、创新载体"),
            ("item", "1.加快科技企业孵化器建设，新增省级孵化器3家。"),
            ("sentence", "深化农村科技特派员制度，选派科技人员下基层。"),
            ("sentence", "探索技术产权证券化试点。"),
        ], dict(region="温州市", region_level="city", parent_region="浙江省", doc_type="work_plan", years=(2019,))),
        ("doc-ra", "ra_summary.txt", [
            ("heading", "（一）"),
            ("sentence", "聘请专家对企业实行一对一针对性辅导。"),
            ("sentence", "成功举办创新创业大赛。"),
            ("table_row", "7|科技金融|推动企业融资|金融办"),
        ], dict(region="瑞安市", region_level="county", parent_region="温州市", doc_type="summary",
                years=(2020,), reported_years=(2019,))),
        ("doc-lq", "lq_action.txt", [
            ("heading", "二、人才"),
            ("sentence", "引进高层次人才团队10个。"),
            ("sentence", "加快科技企业孵化器建设，新增省级孵化器3家。"),
            ("sentence", "新增众创空间5家。"),
        ], dict(region="路桥区", region_level="district", parent_region="台州市", doc_type="action_plan",
                years=(2021, 2022, 2025))),
    ]
    documents, clauses = [], []
    for doc_id, name, items, meta in specs:
        if doc_id == drop:
            continue
        if edit:
            items = [(k, t.replace(*edit)) for k, t in items]
        document, records = make_document(doc_id, name, items, **meta)
        documents.append(document)
        clauses.extend(records)
    by_text = {c.text: c for c in clauses}
    targets = []
    for text, indicator in (("引进高层次人才团队10个。", "高层次人才团队"), ("1.加快科技企业孵化器建设，新增省级孵化器3家。", "省级孵化器")):
        clause = by_text.get(text)
        if clause:
            targets.append(Target(id=f"tg-{clause.id}", doc_id=clause.doc_id, clause_id=clause.id, kind="target",
                                  indicator=indicator, indicator_id="x", value=1.0, unit="个",
                                  start=clause.start, end=clause.end))
    entities = (Entity("en-1", "programme", "科技特派员", aliases=("农村科技特派员",)),)
    return Corpus(documents=tuple(documents), clauses=tuple(clauses), targets=tuple(targets), entities=entities)


@pytest.fixture
def new_dir(tmp_path):
    """Returns a fresh folder under ``tmp_path`` for each name."""

    def make(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        return folder

    return make


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


@pytest.fixture
def small_corpus() -> Corpus:
    return make_corpus()


@pytest.fixture
def built_index(new_dir, fake_encoder, small_corpus) -> Path:
    """An index of the small corpus built with the fake encoder."""
    from plankg.embeddings import build_index

    out = new_dir("index")
    build_index(small_corpus, out, encoder=fake_encoder, progress=False)
    return out


# ---- real model (slow) -------------------------------------------------------------------------

@pytest.fixture(scope="session")
def model_settings(tmp_path_factory):
    """Settings of a throwaway workspace (ONNX exports go to the per-user cache, once per machine)."""
    from plankg.settings import Settings

    return Settings(home=tmp_path_factory.mktemp("workspace"))


@pytest.fixture(scope="session")
def torch_encoder(model_settings):
    from plankg.embeddings import load_encoder

    return load_encoder(model_settings, backend="torch").load()


@pytest.fixture(scope="session")
def auto_encoder(model_settings):
    from plankg.embeddings import load_encoder

    return load_encoder(model_settings, backend="auto").load()


@pytest.fixture(scope="session")
def prose_corpus(corpus) -> Corpus:
    """The bundled corpus cut for speed: documents of fewer than 300 clauses, without table rows
    (long rows dominate embedding time)."""
    sizes = {d.id: sum(1 for c in corpus.clauses if c.doc_id == d.id) for d in corpus.documents}
    keep = {doc_id for doc_id, size in sizes.items() if size < 300}
    return Corpus(
        documents=tuple(d for d in corpus.documents if d.id in keep),
        clauses=tuple(c for c in corpus.clauses if c.doc_id in keep and c.kind != "table_row"),
        targets=tuple(t for t in corpus.targets if t.doc_id in keep),
        mentions=tuple(m for m in corpus.mentions if m.doc_id in keep),
        entities=corpus.entities,
    )
