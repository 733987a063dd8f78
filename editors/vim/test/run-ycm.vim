" Headless end-to-end test of the YouCompleteMe setup, in a terminal Vim (YouCompleteMe starts
" on VimEnter, which a script given with -S precedes):
"   ICP_BINARY=.build/debug/icp script -qec "vim.nox -N -u editors/vim/test/vimrc-ycm -i NONE -S editors/vim/test/run-ycm.vim FILE" /dev/null
" Opens a copy of FILE (an ICP on the built-in sample) alone in a folder and checks what a user
" of YouCompleteMe sees: the inlay hints drawn (the funnel at the end of each parameter, which
" YouCompleteMe asks for once), the tokens coloured, the hover, and a typo's error. Writes one
" line per check to the file named by $ICP_YCM_OUT and exits 0 when all pass.
let s:passes = 0
let s:failures = 0
let s:lines = []
let s:out = empty($ICP_YCM_OUT) ? '/dev/stdout' : $ICP_YCM_OUT
function! s:Check(name, ok, detail) abort
  call add(s:lines, (a:ok ? 'ok   ' : 'FAIL ') . a:name . (a:ok ? '' : '  (' . string(a:detail) . ')'))
  if a:ok | let s:passes += 1 | else | let s:failures += 1 | endif
  call writefile(s:lines, s:out)
endfunction
function! s:Wait(condition, seconds) abort
  let l:deadline = reltimefloat(reltime()) + a:seconds
  while !eval(a:condition) && reltimefloat(reltime()) < l:deadline
    sleep 100m
  endwhile
  return eval(a:condition)
endfunction
function! s:Props(prefix) abort
  return filter(prop_list(1, {'end_lnum': -1}), {_, prop -> prop.type =~# '^' . a:prefix})
endfunction

function! s:Run(...) abort
  try
    call s:Check('filetype is yaml.icp', &filetype ==# 'yaml.icp', &filetype)
    call s:Check('ycmd is ready', s:Wait('py3eval("ycm_state.CheckIfServerIsReady()")', 30), 'not ready')
    " Inlay hints: YouCompleteMe asks once; the server answers it when the data is in.
    call s:Wait('!empty(s:Props("YCM_INLAY_"))', 40)
    let l:hints = map(s:Props('YCM_INLAY_'), {_, prop -> get(prop, 'text', '')})
    " Vim lists a virtual text's property without its text: read the hint off the screen.
    let l:hinted = map(filter(s:Props('YCM_INLAY_UNKNOWN'), {_, prop -> prop.lnum < winheight(0)}), {_, prop -> prop.lnum})
    redraw
    let l:drawn = map(copy(l:hinted), {_, lnum -> join(map(range(1, &columns), {_, column -> screenstring(win_screenpos(0)[0] + lnum - line('w0'), column)}), '')})
    call s:Check('inlay hints carry the funnel (g:ycm_enable_inlay_hints)', !empty(filter(copy(l:drawn), {_, text -> text =~# '→ [0-9,]\+ left'})), l:drawn[:3])
    call s:Check('tokens are coloured (g:ycm_enable_semantic_highlighting)', !empty(s:Props('YCM_HL_')), prop_list(1, {'end_lnum': 5}))
    call cursor(3, 7)
    let l:hover = youcompleteme#GetCommandResponse('GetHover')
    call s:Check('hover on the code shows the count', l:hover =~# '381', l:hover)
    " A typo in a mode: an error YouCompleteMe counts.
    call cursor(13, 11)
    normal! ciwfitler
    doautocmd TextChanged
    call s:Check('a typo is an error', s:Wait('youcompleteme#GetErrorCount() > 0', 30), youcompleteme#GetErrorCount())
  catch
    call s:Check('no Vim error', 0, v:exception . ' at ' . v:throwpoint)
  finally
    call add(s:lines, printf('vim youcompleteme: %d passed, %d failed', s:passes, s:failures))
    call writefile(s:lines, s:out)
    execute s:failures == 0 ? 'qall!' : 'cquit!'
  endtry
endfunction

let s:fixture = fnamemodify(argv(0), ':p')
let s:folder = tempname()
call mkdir(s:folder, 'p')
let s:file = s:folder . '/' . fnamemodify(s:fixture, ':t')
call writefile(readfile(s:fixture), s:file)
execute 'edit ' . fnameescape(s:file)
autocmd VimEnter * ++once call timer_start(100, function('s:Run'))
