"""`icp lsp` driven by a real LSP client (pygls, through pytest-lsp): the same protocol an editor speaks."""
import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import FIXTURES, ICP, ROOT

ICP_FILE = FIXTURES / "icps" / "midmarket-saas.icp.yaml"
URI = ICP_FILE.as_uri()
TEXT = ICP_FILE.read_text(encoding="utf-8")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[ICP, "lsp"]))
async def client(lsp_client: LanguageClient):
    # The client says it supports refreshes, so it answers them as an editor would.
    @lsp_client.feature(types.WORKSPACE_CODE_LENS_REFRESH)
    def code_lens_refresh(_params=None):
        return None

    @lsp_client.feature(types.WORKSPACE_INLAY_HINT_REFRESH)
    def inlay_hint_refresh(_params=None):
        return None

    capabilities = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16]),
        workspace=types.WorkspaceClientCapabilities(
            inlay_hint=types.InlayHintWorkspaceClientCapabilities(refresh_support=True),
            code_lens=types.CodeLensWorkspaceClientCapabilities(refresh_support=True),
        ),
    )
    await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities, root_uri=ROOT.as_uri()))
    yield
    await lsp_client.shutdown_session()


async def open_and_wait(client: LanguageClient, text: str = TEXT, version: int = 1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=URI, language_id="yaml", version=version, text=text))
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


@pytest.mark.asyncio(loop_scope="module")
async def test_clean_file_has_no_diagnostics_and_counts_in_hover(client: LanguageClient):
    await open_and_wait(client)
    assert list(client.diagnostics[URI]) == []
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=URI), position=types.Position(line=2, character=7))
    )
    assert "381** of 5,000 records qualify" in hover.contents.value


@pytest.mark.asyncio(loop_scope="module")
async def test_typing_a_mistake_shows_it_and_completion_offers_the_fix(client: LanguageClient):
    await open_and_wait(client)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=11, character=11), end=types.Position(line=11, character=19)),
                    text="industy",
                )
            ],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    codes = [d.code for d in client.diagnostics[URI]]
    assert "unknown-field" in codes
    completion = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=URI), position=types.Position(line=11, character=18))
    )
    labels = [item.label for item in completion.items]
    assert "industry" in labels and "employees" in labels


@pytest.mark.asyncio(loop_scope="module")
async def test_inlay_hints_and_code_lens_carry_the_funnel(client: LanguageClient):
    await open_and_wait(client)
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=60, character=0)),
        )
    )
    labels = [hint.label for hint in hints]
    assert labels[0] == "→ 1,901 left"
    assert any(label.endswith("excluded") for label in labels)
    lenses = await client.text_document_code_lens_async(types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=URI)))
    assert lenses[0].command.title.startswith("381 qualified (7.6%)")
    preview = await client.protocol.send_request_async("icp/preview", {"textDocument": {"uri": URI}})
    assert preview.qualified == 381 and preview.total == 5000


@pytest.mark.asyncio(loop_scope="module")
async def test_setup_traps_show_in_the_editor_as_in_check(client: LanguageClient):
    """The filter on the outcome column warns in the editor, with the message `icp check` prints."""
    path = FIXTURES / "setup" / "outcome.icp.yaml"
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=path.read_text()))
    )
    for _ in range(20):  # text diagnostics come first, the data's once it is loaded
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        found = [d for d in client.diagnostics.get(uri, []) if d.code == "outcome-field"]
        if found:
            break
    assert found, [d.code for d in client.diagnostics.get(uri, [])]
    assert found[0].range.start.line == 5 and found[0].severity == types.DiagnosticSeverity.Warning
    assert "`status` is the outcome column" in found[0].message


@pytest.mark.asyncio(loop_scope="module")
async def test_accounts_and_explain_commands_over_pipes(client: LanguageClient):
    """icp.accounts and icp.explain answer markdown documents; the lenses name them."""
    await open_and_wait(client)
    accounts = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="icp.accounts", arguments=[URI, "misses", 5]))
    assert accounts["markdown"].startswith("# 1,514 of 5,000 accounts miss midmarket-saas")
    assert len([line for line in accounts["markdown"].splitlines() if line.startswith("| `")]) == 5
    explained = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command="icp.explain", arguments=[URI, "Merac Health"]))
    assert explained["markdown"].startswith("# `A000001` qualifies for midmarket-saas")
    lenses = await client.text_document_code_lens_async(types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=URI)))
    titles = [lens.command.title for lens in lenses]
    assert "381 accounts" in titles and any(title.endswith(" won outside") for title in titles), titles


@pytest.mark.asyncio(loop_scope="module")
async def test_references_definition_folding_and_symbols_over_pipes(client: LanguageClient):
    """A column's uses across the workspace's YAML and JSON files, open or not; folds; symbols."""
    await open_and_wait(client)
    # `is_customer` in midmarket-saas (open), enterprise and fintech-expansion (closed, JSON).
    line = next(index for index, text in enumerate(TEXT.splitlines()) if text.strip() == "- field: is_customer")
    found = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=URI), position=types.Position(line=line, character=12),
        context=types.ReferenceContext(include_declaration=True)))
    files = sorted({location.uri.rsplit("/", 1)[-1] for location in found})
    assert files == ["enterprise.icp.yaml", "fintech-expansion.icp.json", "midmarket-saas.icp.yaml"], files
    json_use = next(location for location in found if location.uri.endswith(".json"))
    json_line = (FIXTURES / "icps" / "fintech-expansion.icp.json").read_text().splitlines()[json_use.range.start.line]
    assert json_line[json_use.range.start.character:json_use.range.end.character] == '"is_customer"'
    definition = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=URI), position=types.Position(line=line, character=12)))
    assert definition is None or definition == [], "the built-in sample has no data file to point at"
    folds = await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=types.TextDocumentIdentifier(uri=URI)))
    assert len(folds) >= 9 and all(fold.end_line > fold.start_line for fold in folds)
    symbols = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="fintech"))
    assert [symbol.name for symbol in symbols] == ["fintech-expansion · Fintech expansion (draft) (draft)"], [symbol.name for symbol in symbols]


@pytest.mark.asyncio(loop_scope="module")
async def test_rename_a_column_over_pipes(client: LanguageClient):
    """Renaming `is_customer` edits the open file and the closed YAML and JSON files alike."""
    await open_and_wait(client)
    line = next(index for index, text in enumerate(TEXT.splitlines()) if text.strip() == "- field: is_customer")
    position = types.Position(line=line, character=12)
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=types.TextDocumentIdentifier(uri=URI), position=position))
    assert prepared.placeholder == "is_customer"
    edit = await client.text_document_rename_async(types.RenameParams(text_document=types.TextDocumentIdentifier(uri=URI), position=position, new_name="customer"))
    files = sorted(uri.rsplit("/", 1)[-1] for uri in edit.changes)
    assert files == ["enterprise.icp.yaml", "fintech-expansion.icp.json", "midmarket-saas.icp.yaml"], files
    assert [change.new_text for change in edit.changes[next(uri for uri in edit.changes if uri.endswith(".json"))]] == ['"customer"']


def apply_edits(text: str, edits) -> str:
    """Applies LSP text edits (UTF-16 positions) as an editor does, last first."""
    lines = text.split("\n")

    def offset(position):
        before = sum(len(line) + 1 for line in lines[:position.line])
        if position.line >= len(lines):
            return len(text)
        utf16 = lines[position.line].encode("utf-16-le")[:position.character * 2]
        return before + len(utf16.decode("utf-16-le"))

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[:offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


@pytest.mark.asyncio(loop_scope="module")
async def test_formatting_over_pipes_yaml_json_and_a_range(client: LanguageClient, tmp_path):
    """The edits turn the text into `icp fmt`'s layout exactly; non-ASCII columns count in UTF-16."""
    messy = ("icp: zürich   # 🚀 code\nparameters:\n"
             "  - {mode: filter, field: city, in: ['Zürich', \"Genève\", NO]}\n"
             "  - mode: score\n    field: 🚀_stack\n    in:   [aws]\n")
    wanted = ("icp: zürich   # 🚀 code\nparameters:\n"
              "  - field: city\n    mode: filter\n    in: [Zürich, Genève, \"NO\"]\n"
              "  - field: 🚀_stack\n    mode: score\n    in: [aws]\n")
    uri = (tmp_path / "zurich.icp.yaml").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=messy)))
    options = types.FormattingOptions(tab_size=4, insert_spaces=True)
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri), options=options))
    assert apply_edits(messy, edits) == wanted
    assert edits[0].range.start.line == 2, "the unchanged lines above are not touched"

    # A range on the second parameter lays out that one only.
    ranged = await client.text_document_range_formatting_async(types.DocumentRangeFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=uri), options=options,
        range=types.Range(start=types.Position(line=4, character=4), end=types.Position(line=4, character=8))))
    assert apply_edits(messy, ranged) == messy.replace("  - mode: score\n    field: 🚀_stack\n    in:   [aws]\n",
                                                        "  - field: 🚀_stack\n    mode: score\n    in: [aws]\n")

    json_text = '{"parameters": [{"in": ["Zürich"], "field": "city", "mode": "filter"}], "icp": "zürich"}'
    json_uri = (tmp_path / "zurich.icp.json").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=json_uri, language_id="json", version=1, text=json_text)))
    edits = await client.text_document_formatting_async(types.DocumentFormattingParams(
        text_document=types.TextDocumentIdentifier(uri=json_uri), options=options))
    assert apply_edits(json_text, edits) == ('{\n  "icp": "zürich",\n  "parameters": [\n    {\n      "field": "city",\n'
                                            '      "mode": "filter",\n      "in": ["Zürich"]\n    }\n  ]\n}\n')

    # A text that is not valid YAML is not formatted: an error that says why, no edits.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text="icp: x\nparameters:\n  - field: a\n\tmode: filter\n")]))
    with pytest.raises(Exception, match="not formatted: line 4 is not valid YAML"):
        await client.text_document_formatting_async(types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri), options=options))


@pytest.mark.asyncio(loop_scope="module")
async def test_selection_links_and_semantic_tokens_over_pipes(client: LanguageClient, tmp_path):
    text = "icp: größe\nparameters:\n  - field: employees   # 🚀\n    mode: filter\n    min: 200\n  - {field: country, mode: exclude, in: [RU]}\n"
    uri = (tmp_path / "size.icp.yaml").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    answers = await client.text_document_selection_range_async(types.SelectionRangeParams(
        text_document=types.TextDocumentIdentifier(uri=uri), positions=[types.Position(line=4, character=10)]))
    steps, node = [], answers[0]
    while node:
        steps.append((node.range.start.line, node.range.start.character, node.range.end.line, node.range.end.character))
        node = node.parent
    assert steps == [(4, 9, 4, 12), (4, 4, 4, 12), (2, 4, 4, 12), (2, 2, 5, 45), (1, 0, 5, 45), (0, 0, 5, 45)], steps

    tokens = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    decoded, line, char = [], 0, 0
    for index in range(0, len(tokens.data), 5):
        delta_line, delta_char, length, kind, modifiers = tokens.data[index:index + 5]
        line, char = line + delta_line, (char + delta_char if delta_line == 0 else delta_char)
        decoded.append((line, char, length, kind, modifiers))
    # `größe` is 5 UTF-16 units; the code is a namespace (6) declared (1); employees a variable (1)
    # of a filter (2); RU a string (3) of an exclude (8).
    assert (0, 5, 5, 6, 1) in decoded and (2, 11, 9, 1, 2) in decoded and (5, 41, 2, 3, 8) in decoded, decoded

    workspace_uri = (tmp_path / "icp.workspace.yaml").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=workspace_uri, language_id="yaml", version=1, text="datasets:\n  accounts: data/ä.csv\n")))
    links = await client.text_document_document_link_async(types.DocumentLinkParams(text_document=types.TextDocumentIdentifier(uri=workspace_uri)))
    assert [(link.range.start.line, link.range.start.character, link.range.end.character, link.target) for link in links] == \
        [(1, 12, 22, (tmp_path / "data" / "ä.csv").as_uri())]
