// Starts `icp lsp` for ICP files and adds "ICP: Show Preview".
const fs = require("fs");
const path = require("path");
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("icp");
  const settings = { icp: { allowOutsideWorkspace: config.get("allowOutsideWorkspace", false), cache: config.get("cache", true) } };
  const serverOptions = { command: serverPath(context, config.get("path", "")), args: ["lsp"] };
  const clientOptions = {
    // ICP files stay YAML/JSON for highlighting; the server gets them by name. The extension
    // activates on any YAML or JSON file too, so a lone .icp.yaml opened without a folder works.
    documentSelector: [
      { scheme: "file", language: "yaml", pattern: "**/*.icp.{yaml,yml}" },
      { scheme: "file", language: "yaml", pattern: "**/icp.workspace.yaml" },
      { scheme: "file", language: "json", pattern: "**/*.icp.json" },
    ],
    initializationOptions: settings,
    synchronize: {
      // A settings change reaches the server as workspace/didChangeConfiguration: no window reload.
      configurationSection: "icp",
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{*.csv,*.jsonl,*.ndjson,icp.workspace.yaml,*.icp.yaml,*.icp.yml,*.icp.json}"),
    },
  };
  client = new LanguageClient("icp", "ICP", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand("icp.showPreview", async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        return;
      }
      const preview = await client.sendRequest("icp/preview", { textDocument: { uri: editor.document.uri.toString() } });
      const document = await vscode.workspace.openTextDocument({ language: "json", content: JSON.stringify(preview, null, 2) });
      await vscode.window.showTextDocument(document, vscode.ViewColumn.Beside);
    })
  );
  return client.start();
}

// The `icp.path` setting when set; else the server packaged inside the extension (the
// per-platform .vsix of Scripts/package-vscode.py puts it in server/icp); else `icp` on PATH.
function serverPath(context, configured) {
  if (configured) {
    return configured;
  }
  const bundled = context.asAbsolutePath(path.join("server", process.platform === "win32" ? "icp.exe" : "icp"));
  return fs.existsSync(bundled) ? bundled : "icp";
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
