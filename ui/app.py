"""The Gradio 6 app: 问答 Ask, 检索 Search, 目标 Targets, 演变 Evolution, 实体 Entities, SPARQL, 语料 Corpus.

Build it with :func:`build_app` and serve it with :func:`launch`; every handler reads through
:class:`plankg.ui.data.AppData` (the facade) and turns failures into one-line messages.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from plankg.settings import default_home
from plankg.ui import handlers, views
from plankg.ui.data import CLAUSE_KINDS, ENTITY_TYPES, AppData
from plankg.ui.libs import gradio
from plankg.ui.uploads import ALLOWED_SUFFIXES, MAX_UPLOAD_MB, Uploader, use_private_temp_dir

#: What a table says before it is first filled (never bare "1 2 3" headers).
NOT_RUN = "尚未运行：请使用上方的控件 Not run yet: use the controls above."

EXAMPLE_QUESTIONS = [
    "哪些单位负责R&D经费投入相关的目标？",
    "路桥区每万名就业人员中研发人员数的目标从2021年到2025年怎样变化？",
    "哪些单位负责研发人员相关的目标？",
    "路桥区2025年技术交易额目标是多少？",
    "Which unit owns the R&D personnel target in Luqiao?",
    "温州市有哪些科研院所？",
]
EXAMPLE_QUERIES = {
    "指标与目标数 Indicators with target counts": """SELECT ?label (COUNT(?obs) AS ?targets) WHERE {
  ?obs a plankg:Target ; plankg:indicator ?indicator .
  ?indicator skos:prefLabel ?label . FILTER(LANG(?label) = "zh")
}
GROUP BY ?label ORDER BY DESC(?targets) LIMIT 20""",
    "文件 Documents": """SELECT ?doc ?title ?place WHERE {
  ?doc a plankg:PlanDocument ; dcterms:title ?title .
  OPTIONAL { ?doc dcterms:spatial/rdfs:label ?place . FILTER(LANG(?place) = "zh") }
} LIMIT 50""",
    "牵头单位 Lead owners": """SELECT ?ownerName (COUNT(?obs) AS ?targets) WHERE {
  ?obs a plankg:Target ; prov:qualifiedAttribution ?attribution .
  ?attribution prov:agent ?owner ; prov:hadRole plankg:LeadRole .
  ?owner rdfs:label ?ownerName . FILTER(LANG(?ownerName) = "zh")
}
GROUP BY ?ownerName ORDER BY DESC(?targets) LIMIT 20""",
    "类 Classes": """SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY DESC(?n)""",
}
CSS = """
.plankg-card { border: 1px solid #dde; border-radius: 6px; padding: 8px 10px; margin: 6px 0; }
.plankg-ocr { background: #fff3cd; color: #664d03; border-radius: 4px; padding: 0 4px; font-size: 0.85em; }
.plankg-source { color: #445; margin-bottom: 4px; }
.plankg-clause mark { background: #ffe066; padding: 0 2px; }
.plankg-note { color: #667; }
"""
FONT_STACK = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "sans-serif"]


def theme() -> Any:
    """The default theme with system fonts only (no web-font download)."""
    return gradio().themes.Default(font=FONT_STACK, font_mono=["Noto Sans Mono CJK SC", "DejaVu Sans Mono", "monospace"])


def workspace_note(home: Path, show_path: bool = True) -> str:
    """Which workspace the app serves and writes uploads to, and whether the command line uses it too."""
    where = f"`{home}`" if show_path else f"`{home.name}`"
    shared = (" This is the default workspace: `plankg` commands without `--workspace` read it too."
              if home.resolve() == default_home().resolve() else "")
    return (f"工作区 Workspace: {where}. 上传的文件写入此工作区 Uploads are added to this workspace "
            f"(it keeps its own copy of each).{shared}")


def _gradio_typed(gr: Any, h: handlers.Handlers) -> tuple[Callable[..., tuple], Callable[..., tuple]]:
    """The two handlers whose signature tells Gradio what to pass: the selected row, a progress bar.

    Gradio reads the ``SelectData`` annotation and the ``Progress()`` default when the event is wired;
    they are set here, where Gradio is already imported, so the handlers module never imports it.
    """
    def open_selected(event: Any) -> tuple:
        return h.open_selected(event)

    open_selected.__annotations__ = {"event": gr.SelectData, "return": tuple}

    def upload(files: Any, progress: Any = gr.Progress()) -> tuple:  # noqa: B008 - Gradio's own idiom
        return h.upload(files, progress)

    return open_selected, upload


def build_app(data: AppData, sparql_endpoint: str | None = None, show_path: bool = True) -> Any:
    """The Blocks app over ``data``.

    Args:
        data: The served workspace.
        sparql_endpoint: Address of a running SPARQL endpoint, shown on the SPARQL tab.
        show_path: Show the workspace's folder (off when serving beyond loopback).
    """
    # Uploads land in the workspace's own folder, never in the machine-wide /tmp/gradio.
    upload_folder = use_private_temp_dir(data.home)
    gr = gradio()

    uploader = Uploader(data, upload_folder)
    uploader.sweep()
    h = handlers.Handlers(data, uploader, download_dir=Path(tempfile.mkdtemp(prefix="plankg-ui-")))
    open_selected, upload = _gradio_typed(gr, h)
    choices = data.filter_choices()
    indicator_choices = [(f"{label} ({ind_id})", ind_id) for ind_id, label in choices["indicators"]]
    region_choices = choices["regions"]
    year_choices = [str(y) for y in choices["years"]]

    with gr.Blocks(title="plankg · 科技规划知识图谱") as demo:
        gr.Markdown("## plankg · 科技规划知识图谱 Knowledge graph of S&T plans\n"
                    "问答、检索、目标、演变、实体与 SPARQL，全部离线，每个答案都附证据。"
                    " Ask, search, targets, evolution, entities and SPARQL, offline, every answer with its evidence.")
        with gr.Tabs():
            with gr.Tab("问答 Ask", id="ask"):
                question = gr.Textbox(label="问题 Question", placeholder="例如：哪些单位负责R&D经费投入相关的目标？", lines=2,
                                      elem_id="ask-question")
                ask_button = gr.Button("提问 Ask", variant="primary", elem_id="ask-button")
                gr.Examples(EXAMPLE_QUESTIONS, inputs=[question], label="示例问题 Examples")
                answer = gr.Markdown(elem_id="ask-answer")
                answer_rows = gr.Dataframe(views.empty(NOT_RUN), label="表格 Table", interactive=False, wrap=True, elem_id="ask-table")
                evidence = gr.HTML(label="证据 Evidence", elem_id="ask-evidence")
                answer_sparql = gr.Code(label="运行的 SPARQL (copy)", language="sql", interactive=False)
                ask_outputs = [answer, answer_rows, evidence, answer_sparql]
                ask_button.click(h.ask, [question], ask_outputs, api_name="ask")
                question.submit(h.ask, [question], ask_outputs, api_name=False)

            with gr.Tab("检索 Search", id="search"):
                with gr.Row():
                    search_query = gr.Textbox(label="查询 Query", scale=3, elem_id="search-query")
                    search_k = gr.Slider(1, 50, value=10, step=1, label="条数 k", scale=1)
                with gr.Row():
                    search_region = gr.Dropdown(region_choices, label="地区 region", multiselect=True, allow_custom_value=True)
                    search_year = gr.Dropdown(year_choices, label="年份 year", multiselect=True, allow_custom_value=True)
                    search_type = gr.Dropdown(choices["doc_types"], label="文件类型 document type", multiselect=True)
                    search_kind = gr.Dropdown(list(CLAUSE_KINDS), label="条款类型 clause kind", multiselect=True)
                    search_has_target = gr.Checkbox(label="含目标 has target")
                search_button = gr.Button("检索 Search", variant="primary", elem_id="search-button")
                search_status = gr.Markdown()
                search_results = gr.Dataframe(views.empty(NOT_RUN), label="结果 Results", interactive=False, wrap=True, elem_id="search-results")
                search_inputs = [search_query, search_k, search_region, search_year, search_type, search_kind, search_has_target]
                search_button.click(h.search, search_inputs, [search_results, search_status], api_name="search")
                search_query.submit(h.search, search_inputs, [search_results, search_status], api_name=False)

            with gr.Tab("目标 Targets", id="targets"):
                with gr.Row():
                    target_region = gr.Dropdown(region_choices, label="地区 region", multiselect=True, allow_custom_value=True,
                                                elem_id="targets-region")
                    target_year = gr.Dropdown(year_choices, label="年份 year", multiselect=True, allow_custom_value=True)
                    target_family = gr.Dropdown(choices["families"], label="指标类别 indicator family", multiselect=True)
                    target_kind = gr.Dropdown(["target", "achievement"], label="类型 kind", multiselect=True)
                with gr.Row():
                    target_owner = gr.Textbox(label="责任单位包含 owner contains")
                    target_text = gr.Textbox(label="指标或条款包含 indicator/clause contains", elem_id="targets-text")
                    target_placeholder = gr.Checkbox(label="仅匿名值 placeholders only")
                    target_inferred = gr.Checkbox(label="仅推断年份 inferred years only")
                    target_sub = gr.Checkbox(label="含下辖区县 include counties and districts", elem_id="targets-sub")
                target_button = gr.Button("筛选 Filter", variant="primary", elem_id="targets-filter")
                target_status = gr.Markdown(elem_id="targets-status")
                target_table = gr.Dataframe(views.empty(NOT_RUN), label="目标与实绩 Targets and achievements (click a header to sort)",
                                            interactive=False, wrap=True, max_height=600, elem_id="targets-table")
                target_csv = gr.File(label="CSV 下载 download", interactive=False)
                target_inputs = [target_region, target_year, target_family, target_kind, target_owner, target_text,
                                 target_placeholder, target_inferred, target_sub]
                target_button.click(h.targets, target_inputs, [target_table, target_status, target_csv], api_name="targets")

            with gr.Tab("演变 Evolution", id="evolution") as evolution_tab:
                default_indicators = h.default_indicators()
                with gr.Row():
                    evo_indicators = gr.Dropdown(indicator_choices, value=default_indicators, multiselect=True,
                                                 label="指标 indicators", scale=3)
                    evo_regions = gr.Dropdown(region_choices, multiselect=True, label="地区 places (empty: all)", scale=2,
                                              allow_custom_value=True)
                evo_button = gr.Button("绘制 Draw", variant="primary", elem_id="evolution-draw")
                evo_status = gr.Markdown()
                with gr.Row():
                    with gr.Column(scale=3):
                        evo_plot = gr.Plot(label="基期、目标、力争与实绩 Baseline, targets, stretch and outcomes", elem_id="evolution-plot")
                    with gr.Column(scale=2):
                        evo_outcome = gr.Dataframe(views.empty(NOT_RUN), label="计划与实绩 Plan vs outcome (like with like; a verdict only within the target's year)",
                                                   interactive=False, wrap=True, elem_id="evolution-outcome")
                gr.Markdown("#### 两个计划年份对比 Two plan years: indicators and measures, new / continued / dropped")
                with gr.Row():
                    year_a = gr.Dropdown(year_choices, value=year_choices[0] if year_choices else None, label="年份 A")
                    year_b = gr.Dropdown(year_choices, value=year_choices[-1] if year_choices else None, label="年份 B")
                    compare_button = gr.Button("对比 Compare")
                compare_status = gr.Markdown()
                compare_table = gr.Dataframe(views.empty(NOT_RUN), label="指标目标变化 Indicator targets", interactive=False, wrap=True)
                measures_table = gr.Dataframe(views.empty(NOT_RUN), label="措施对比（按语义对齐）Measures aligned by meaning",
                                              interactive=False, wrap=True)
                evo_button.click(h.evolution, [evo_indicators, evo_regions], [evo_plot, evo_outcome, evo_status],
                                 api_name="evolution")
                evolution_tab.select(h.evolution, [evo_indicators, evo_regions], [evo_plot, evo_outcome, evo_status],
                                     api_name=False).then(h.compare, [year_a, year_b, evo_regions],
                                                          [compare_table, measures_table, compare_status],
                                                          api_name=False)
                compare_button.click(h.compare, [year_a, year_b, evo_regions],
                                     [compare_table, measures_table, compare_status], api_name="compare")

            with gr.Tab("实体 Entities", id="entities"):
                with gr.Row():
                    entity_text = gr.Textbox(label="名称包含 name contains", placeholder="例如：研究院、科技园、科技局", scale=3,
                                             elem_id="entities-text")
                    entity_type = gr.Dropdown(["", *ENTITY_TYPES], value="", label="类型 type", scale=1)
                    entity_button = gr.Button("查找 Find", variant="primary", scale=1, elem_id="entities-find")
                entity_status = gr.Markdown()
                entity_matches = gr.Dataframe(views.empty(NOT_RUN), label="实体（点击一行打开）Entities (click a row to open)", interactive=False,
                                              max_height=260, elem_id="entities-matches")
                entity_current = gr.Textbox(label="当前实体 Current entity", interactive=True, elem_id="entities-current")
                with gr.Row():
                    with gr.Column(scale=3):
                        entity_plot = gr.Plot(label="邻域网络 Neighbourhood", elem_id="entities-plot")
                    with gr.Column(scale=2):
                        entity_facts = gr.Dataframe(views.empty(NOT_RUN), label="事实 Facts", interactive=False, wrap=True, max_height=520,
                                                   elem_id="entities-facts")
                entity_neighbours = gr.Dataframe(views.empty(NOT_RUN), label="邻居（点击一行跳转）Neighbours (click a row to go there)",
                                                 interactive=False, wrap=True, max_height=400, elem_id="entities-neighbours")
                entity_outputs = [entity_current, entity_plot, entity_facts, entity_neighbours, entity_status]
                entity_button.click(h.find_entities, [entity_text, entity_type], [entity_matches, entity_status],
                                    api_name="entities")
                entity_text.submit(h.find_entities, [entity_text, entity_type], [entity_matches, entity_status], api_name=False)
                entity_matches.select(open_selected, None, entity_outputs, api_name=False)
                entity_neighbours.select(open_selected, None, entity_outputs, api_name=False)
                entity_current.submit(h.open_entity, [entity_current], entity_outputs, api_name="entity")

            with gr.Tab("SPARQL", id="sparql"):
                endpoint = (f"外部工具可用的 SPARQL 端点 Endpoint for outside tools: `{sparql_endpoint}`" if sparql_endpoint else
                            "外部工具：`plankg serve --sparql-port 7878` 同时启动只读 SPARQL 端点 "
                            "(start the read-only endpoint with the app).")
                gr.Markdown(endpoint + "  \n前缀已预先声明（plankg, skos, prov, dcterms, org, qb …）Prefixes are predeclared; "
                            "the console is read-only.")
                sparql_example = gr.Dropdown(list(EXAMPLE_QUERIES), label="示例 Examples")
                sparql_text = gr.Code(value=next(iter(EXAMPLE_QUERIES.values())), language="sql", interactive=True,
                                      lines=10, label="SPARQL")
                sparql_button = gr.Button("运行 Run", variant="primary", elem_id="sparql-run")
                sparql_status = gr.Markdown()
                sparql_table = gr.Dataframe(views.empty(NOT_RUN), label="结果 Results", interactive=False, wrap=True, elem_id="sparql-results")
                sparql_example.change(lambda name: EXAMPLE_QUERIES.get(name, ""), [sparql_example], [sparql_text], api_name=False)
                sparql_button.click(h.sparql, [sparql_text], [sparql_table, sparql_status], api_name="sparql")

            with gr.Tab("语料 Corpus", id="corpus"):
                corpus_status = gr.Markdown()
                documents = gr.Dataframe(views.empty(NOT_RUN), label="文件 Documents", interactive=False, wrap=True, elem_id="corpus-documents")
                repairs = gr.Dataframe(views.empty(NOT_RUN), label="OCR 修复 Repairs", interactive=False, wrap=True, max_height=300)
                corpus_warnings = gr.Markdown()
                gr.Markdown(f"#### 添加文件 Add documents ({', '.join(ALLOWED_SUFFIXES)}; ≤ {MAX_UPLOAD_MB} MB each)")
                gr.Markdown(workspace_note(data.home, show_path), elem_id="corpus-workspace")
                upload_files = gr.File(file_count="multiple", file_types=list(ALLOWED_SUFFIXES), label="上传 Upload",
                                       elem_id="corpus-upload")
                upload_button = gr.Button("添加到图谱和索引 Add to graph and index", variant="primary", elem_id="corpus-add")
                upload_report = gr.Dataframe(views.table([], views.REPORT_COLUMNS), label="逐个文件报告 Per-file report",
                                             interactive=False, wrap=True,
                                             elem_id="corpus-report")
                with gr.Row():
                    remove_choice = gr.Dropdown([], label="移除上传 Remove an upload", scale=3, elem_id="corpus-remove-choice")
                    remove_button = gr.Button("移除并重建 Remove and rebuild", scale=1, elem_id="corpus-remove")
                corpus_outputs = [documents, repairs, corpus_warnings, corpus_status]
                upload_button.click(upload, [upload_files], [upload_report, *corpus_outputs, upload_files, remove_choice],
                                    api_name="upload", concurrency_limit=1, concurrency_id="upload")
                remove_button.click(h.remove_upload, [remove_choice], [upload_report, *corpus_outputs, remove_choice],
                                    api_name="remove_upload", concurrency_limit=1, concurrency_id="upload")
                refresh = gr.Button("刷新 Refresh")
                refresh.click(h.corpus, None, corpus_outputs, api_name="corpus")
        demo.load(h.corpus, None, corpus_outputs, api_name=False)
        demo.load(h.upload_choices, None, [remove_choice], api_name=False)
        demo.load(h.targets, target_inputs, [target_table, target_status, target_csv], api_name=False)
    return demo


def launch(data: AppData, host: str = "127.0.0.1", port: int = 7860, sparql_endpoint: str | None = None,
           block: bool = True, concurrency: int = 4) -> Any:
    """Serve the app: analytics off, no share link, local fonts only, a queue of ``concurrency`` workers.

    Returns:
        The Blocks app (already serving; with ``block=False`` the call returns at once).
    """
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    demo = build_app(data, sparql_endpoint=sparql_endpoint, show_path=host in ("127.0.0.1", "localhost", "::1"))
    demo.queue(default_concurrency_limit=concurrency, max_size=256)
    demo.launch(server_name=host, server_port=port, share=False, prevent_thread_lock=not block, quiet=True,
                show_error=False, max_file_size=f"{MAX_UPLOAD_MB}mb", theme=theme(), css=CSS,
                footer_links=["api"], ssr_mode=False)
    return demo
