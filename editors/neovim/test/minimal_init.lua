-- A bare Neovim with only the icp plugin: `nvim --headless -u editors/neovim/test/minimal_init.lua`.
local here = debug.getinfo(1, "S").source:sub(2)
local plugin = vim.fn.fnamemodify(here, ":p:h:h")
vim.opt.runtimepath:prepend(plugin)
vim.opt.swapfile = false
vim.cmd("filetype on")
vim.cmd("runtime! ftdetect/icp.vim")
require("icp").setup({ cmd = { os.getenv("ICP_BINARY") or "icp", "lsp" } })
