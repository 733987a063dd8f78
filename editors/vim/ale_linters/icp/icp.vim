" ALE: the icp language server for ICP files. ALE loads this file for buffers whose filetype
" includes `icp` (`yaml.icp`, `json.icp`: editors/neovim/ftdetect/icp.vim sets them, in Vim too).
"   let g:icp_executable = 'icp'         " or a full path
"   let g:icp_settings = {'icp': {'allowOutsideWorkspace': v:false, 'cache': v:true}}

function! s:ProjectRoot(buffer) abort
  let l:folder = fnamemodify(bufname(a:buffer), ':p:h')
  let l:workspace = findfile('icp.workspace.yaml', l:folder . ';')
  if !empty(l:workspace)
    return fnamemodify(l:workspace, ':p:h')
  endif
  let l:git = finddir('.git', l:folder . ';')
  return empty(l:git) ? l:folder : fnamemodify(l:git, ':p:h:h')
endfunction

call ale#linter#Define('icp', {
\   'name': 'icp',
\   'lsp': 'stdio',
\   'executable': {buffer -> get(g:, 'icp_executable', 'icp')},
\   'command': '%e lsp',
\   'project_root': function('s:ProjectRoot'),
\   'language': {buffer -> getbufvar(buffer, '&filetype') =~# '^json' ? 'json' : 'yaml'},
\   'initialization_options': {buffer -> get(g:, 'icp_settings', {})},
\})
