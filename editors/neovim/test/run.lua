-- Headless end-to-end test through Neovim's own LSP client:
--   ICP_BINARY=.build/debug/icp nvim --headless -u editors/neovim/test/minimal_init.lua -c "luafile editors/neovim/test/run.lua" FILE
-- Opens FILE (a fixture ICP on the built-in sample), waits for diagnostics, asks for hover,
-- completion, inlay hints and code lenses, edits the buffer and checks every answer. Exits 0
-- when all checks pass, 1 otherwise, printing one line per check.
local passes, failures = 0, 0
local function check(name, ok, detail)
  io.stdout:write(string.format("%s %s%s\n", ok and "ok  " or "FAIL", name, ok and "" or ("  (" .. tostring(detail) .. ")")))
  if ok then
    passes = passes + 1
  else
    failures = failures + 1
  end
end

local bufnr = vim.api.nvim_get_current_buf()
check("filetype is yaml.icp", vim.bo[bufnr].filetype == "yaml.icp", vim.bo[bufnr].filetype)

local function icp_client()
  return require("icp").client_for(bufnr)
end
local attached = vim.wait(20000, function() return icp_client() ~= nil and icp_client().initialized end, 50)
check("icp lsp attached", attached, "no client after 20 s")
if not attached then
  vim.cmd("cquit 1")
end

local published = false
vim.lsp.handlers["textDocument/publishDiagnostics"] = (function(original)
  return function(err, result, ctx, config)
    published = true
    return original(err, result, ctx, config)
  end
end)(vim.lsp.handlers["textDocument/publishDiagnostics"])
vim.wait(20000, function() return published end, 50)
check("diagnostics published, none for the clean file", published and #vim.diagnostic.get(bufnr) == 0, #vim.diagnostic.get(bufnr))

local uri = vim.uri_from_bufnr(bufnr)
local function request(method, params)
  local responses = vim.lsp.buf_request_sync(bufnr, method, params, 20000) or {}
  for _, response in pairs(responses) do
    return response.result, response.error
  end
end

local hover = request("textDocument/hover", { textDocument = { uri = uri }, position = { line = 2, character = 7 } })
local hover_text = hover and hover.contents and hover.contents.value or ""
check("hover on the code shows the count", hover_text:find("381", 1, true) ~= nil and hover_text:find("records qualify", 1, true) ~= nil, hover_text)

local completion = request("textDocument/completion", { textDocument = { uri = uri }, position = { line = 12, character = 12 } })
local labels = {}
for _, item in ipairs((completion and (completion.items or completion)) or {}) do
  table.insert(labels, item.label)
end
check("completion after `mode:` offers the modes", table.concat(labels, ",") == "filter,score,exclude", table.concat(labels, ","))

local hints = request("textDocument/inlayHint", {
  textDocument = { uri = uri },
  range = { start = { line = 0, character = 0 }, ["end"] = { line = 99, character = 0 } },
}) or {}
check("inlay hints carry the funnel", hints[1] ~= nil and hints[1].label == "→ 1,901 left", hints[1] and hints[1].label)

local lenses = request("textDocument/codeLens", { textDocument = { uri = uri } }) or {}
local title = lenses[1] and lenses[1].command and lenses[1].command.title or ""
check("code lens shows the headline", title:find("^381 qualified") ~= nil, title)

-- Edit the buffer as a user would: misspell the first field.
published = false
vim.api.nvim_buf_set_text(bufnr, 11, 11, 11, 19, { "industy" })
vim.wait(20000, function()
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    if diagnostic.code == "unknown-field" then
      return true
    end
  end
  return false
end, 50)
local found = nil
for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
  if diagnostic.code == "unknown-field" then
    found = diagnostic
  end
end
check("the typo becomes an unknown-field diagnostic on line 12", found ~= nil and found.lnum == 11 and found.col == 11, found and (found.lnum .. ":" .. found.col))

local preview = request("icp/preview", { textDocument = { uri = uri } })
check("icp/preview on the edited text: a filter on a missing field qualifies none", preview ~= nil and preview.qualified == 0, preview and preview.qualified)

local lines = require("icp").preview_lines(preview or { funnel = {} })
check(":IcpPreview has the funnel table", #lines > 5 and lines[#lines]:find("| exclude country |", 1, true) ~= nil, lines[#lines])

-- :IcpRefine through the server's workspace/applyEdit, applied by Neovim itself.
vim.cmd("IcpRefine raise the employee floor to 250")
local refined = vim.wait(10000, function()
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n"):find("min: 250", 1, true) ~= nil
end, 50)
check(":IcpRefine edits the buffer (min: 200 → 250), comments kept", refined
  and table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n"):find("# Mid-market software companies", 1, true) ~= nil,
  table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, 20, false), " | "))

io.stdout:write(string.format("neovim: %d passed, %d failed\n", passes, failures))
vim.cmd(failures == 0 and "qall!" or "cquit 1")
