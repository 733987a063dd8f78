" Headless end-to-end test of the ALE setup:
"   ICP_BINARY=.build/debug/icp vim -N -u editors/vim/test/vimrc -i NONE -es -S editors/vim/test/run.vim FILE
" Opens a copy of FILE (an ICP on the built-in sample) with a typo, lets ALE run icp lsp, and
" checks what a user of ALE sees: the typo in ALE's list with the server's message, the hover
" ALE shows (plain text, its first line saying why the file has no figures yet), and a quick fix offered for the typo
" although ALE sends its diagnostics back without severity or source.
let s:passes = 0
let s:failures = 0
let s:lines = []
function! s:Check(name, ok, detail) abort
  call add(s:lines, (a:ok ? 'ok   ' : 'FAIL ') . a:name . (a:ok ? '' : '  (' . string(a:detail) . ')'))
  if a:ok | let s:passes += 1 | else | let s:failures += 1 | endif
endfunction
function! s:Wait(condition, seconds) abort
  let l:deadline = reltimefloat(reltime()) + a:seconds
  while !eval(a:condition) && reltimefloat(reltime()) < l:deadline
    sleep 50m
  endwhile
  return eval(a:condition)
endfunction
function! s:Finish() abort
  call add(s:lines, printf('vim: %d passed, %d failed', s:passes, s:failures))
  call writefile(s:lines, '/dev/stdout')
  execute s:failures == 0 ? 'qall!' : 'cquit!'
endfunction

let s:fixture = fnamemodify(argv(0), ':p')
let s:folder = tempname()
call mkdir(s:folder, 'p')
let s:file = s:folder . '/' . fnamemodify(s:fixture, ':t')
call writefile(map(readfile(s:fixture), {_, line -> substitute(line, 'mode: filter', 'mode: fitler', '')}), s:file)
execute 'edit ' . fnameescape(s:file)
call s:Check('filetype is yaml.icp', &filetype ==# 'yaml.icp', &filetype)

" ALE lints on its own (on open); the server's diagnostics arrive in its list.
call s:Wait('!empty(filter(copy(ale#engine#GetLoclist(bufnr(""))), {_, item -> get(item, "linter_name", "") ==# "icp"}))', 30)
let s:items = filter(copy(ale#engine#GetLoclist(bufnr(''))), {_, item -> get(item, 'linter_name', '') ==# 'icp'})
let s:typo = filter(copy(s:items), {_, item -> item.text =~# 'did you mean `filter`'})
call s:Check('ALE lists the typo from icp lsp at its line', !empty(s:typo) && s:typo[0].lnum == 13 && s:typo[0].type ==# 'E', s:items)

" :ALEHover on the ICP code: the preview window shows the hover, plain text, its first line
" saying why a file with an error has no figures yet (architecture.md's gate).
call cursor(3, 7)
ALEHover
call s:Wait('!empty(filter(range(1, winnr("$")), {_, w -> getwinvar(w, "&previewwindow")}))', 20)
let s:preview = filter(range(1, winnr('$')), {_, w -> getwinvar(w, '&previewwindow')})
let s:shown = empty(s:preview) ? [] : getbufline(winbufnr(s:preview[0]), 1, '$')
call s:Check("the hover's first line says why no records are counted yet, in plain text", !empty(s:shown) && s:shown[0] =~# '^No records counted yet: this file has \d\+ errors\?, .*Line 13: mode must be one of' && join(s:shown) !~# '`', s:shown)
pclose

" A quick fix for the typo, asked the way ALE asks (its diagnostics trimmed to range, code and
" message), through ALE's own code-action request.
let s:actions = []
function! s:OnActions(data, items) abort
  let s:actions = map(copy(a:items), {_, item -> item[1].title})
  let s:answered = 1
endfunction
let s:answered = 0
call cursor(13, 11)
call ale#codefix#Execute(0, function('s:OnActions'))
call s:Wait('s:answered', 20)
call s:Check('ALE is offered the quick fix for the typo', index(s:actions, 'Replace `fitler` with `filter`') >= 0, s:actions)
call s:Finish()
