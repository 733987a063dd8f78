-- Neovim 0.11+: `vim.lsp.enable("icp")` finds this file on the runtimepath (keep
-- ftdetect/icp.vim for the filetypes). Settings: `vim.lsp.config("icp", { settings = ... })`.
-- The plugin's `require("icp").setup()` does the same for 0.7 and later, with :IcpPreview,
-- :IcpDraft and :IcpRefine; use one or the other, not both.
return {
  cmd = { "icp", "lsp" },
  filetypes = { "yaml.icp", "json.icp" },
  root_markers = { "icp.workspace.yaml", ".git" },
  init_options = { icp = { allowOutsideWorkspace = false } },
  settings = { icp = { allowOutsideWorkspace = false } },
}
