"""Pulled diagnostics over pipes: a client that declares `textDocument.diagnostic` and refresh
support pulls, and is never pushed to."""
import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import FIXTURES, ICP, ROOT

ICP_FILE = FIXTURES / "icps" / "midmarket-saas.icp.yaml"
URI = ICP_FILE.as_uri()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[ICP, "lsp"]))
async def client(lsp_client: LanguageClient):
    # pytest-lsp's client answers workspace/diagnostic/refresh itself.
    capabilities = types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(diagnostic=types.DiagnosticClientCapabilities()),
        workspace=types.WorkspaceClientCapabilities(diagnostics=types.DiagnosticWorkspaceClientCapabilities(refresh_support=True)),
    )
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities, root_uri=ROOT.as_uri()))
    assert result.capabilities.diagnostic_provider is not None
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio(loop_scope="module")
async def test_a_pulling_client_pulls_and_is_never_pushed_to(client: LanguageClient):
    text = ICP_FILE.read_text(encoding="utf-8").replace("mode: filter", "mode: fitler", 1)
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=URI, language_id="yaml", version=1, text=text)))
    report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=URI)))
    assert report.kind == "full"
    assert [(item.code, item.range.start.line, item.range.start.character) for item in report.items if item.code == "schema"] == [("schema", 12, 10)]
    again = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(
        text_document=types.TextDocumentIdentifier(uri=URI), previous_result_id=report.result_id))
    assert again.kind == "unchanged" and again.result_id == report.result_id
    workspace = await client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=[]))
    closed = sorted(item.uri.rsplit("/", 1)[-1] for item in workspace.items)
    assert closed == ["enterprise.icp.yaml", "fintech-expansion.icp.json"], closed
    assert URI not in client.diagnostics, "never both: nothing was pushed"
