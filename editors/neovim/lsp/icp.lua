---@brief
---
--- https://github.com/icp-lsp/icp
---
--- The language server of `icp`, for Ideal Customer Profile files (`*.icp.yaml`,
--- `*.icp.json`) and their workspace file (`icp.workspace.yaml`): diagnostics, completion
--- from the data, hover and inline counts of the accounts each parameter qualifies.
---
--- Install the release (`:MasonInstall icp`, the .deb, or the tarball on PATH), then add the
--- filetypes, as nvim-lspconfig leaves `yaml` files to the YAML servers:
--- ```lua
--- vim.filetype.add({ pattern = { ['.*%.icp%.ya?ml'] = 'yaml.icp', ['.*%.icp%.json'] = 'json.icp' },
---                    filename = { ['icp.workspace.yaml'] = 'yaml.icp' } })
--- ```
--- (this folder's `ftdetect/icp.vim` does the same). Settings: `vim.lsp.config('icp', { settings = { icp = {
--- allowOutsideWorkspace = false, cache = true } } })`.
---
--- Neovim 0.11+ finds this file on the runtimepath with `vim.lsp.enable('icp')`; the
--- plugin's `require('icp').setup()` does the same for 0.7 and later, with :IcpPreview,
--- :IcpDraft and :IcpRefine. Use one or the other, not both.

---@type vim.lsp.Config
return {
  cmd = { 'icp', 'lsp' },
  filetypes = { 'yaml.icp', 'json.icp' },
  root_markers = { 'icp.workspace.yaml', '.git' },
  init_options = { icp = { allowOutsideWorkspace = false } },
  settings = { icp = { allowOutsideWorkspace = false } },
}
