" YouCompleteMe: the icp language server for ICP files. Source this from your vimrc (after
" YouCompleteMe is loaded), with editors/neovim on the runtimepath for the filetypes
" (`yaml.icp`, `json.icp`; YouCompleteMe reads the `icp` part).
let g:ycm_language_server = get(g:, 'ycm_language_server', []) + [{
\   'name': 'icp',
\   'cmdline': [get(g:, 'icp_executable', 'icp'), 'lsp'],
\   'filetypes': ['icp'],
\   'project_root_files': ['icp.workspace.yaml', '.git'],
\   'capabilities': {'textDocument': {'hover': {'contentFormat': ['plaintext']}}},
\ }]
