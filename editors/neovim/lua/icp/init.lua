-- icp: the ICP language server in Neovim, from 0.7 (Debian's) to current releases.
--
--   require("icp").setup({ cmd = { "icp", "lsp" } })
--
-- Starts `icp lsp` for *.icp.yaml / *.icp.yml / *.icp.json and icp.workspace.yaml buffers,
-- one client per workspace root (the folder holding icp.workspace.yaml, else the .git root,
-- else the file's folder), refreshes code lenses as you type and when data is read, turns on
-- inlay hints where Neovim has them (0.10+), maps `K` to hover and sets 'omnifunc' where
-- Neovim does not (before 0.10 / 0.8), and adds :IcpPreview, :IcpDraft, :IcpRefine,
-- :IcpExplain and :IcpAccounts (the code lenses "381 accounts" and "695 won outside" run the
-- last one); their documents open in a split, where `K` on an account key explains it.
local M = {}

M.config = {
  cmd = { "icp", "lsp" },
  -- Sent as initializationOptions and workspace/didChangeConfiguration settings.
  settings = { icp = { allowOutsideWorkspace = false } },
  inlay_hints = true,
  code_lens = true,
}

local clients_by_root = {}

local function root_for(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  local workspace = vim.fn.findfile("icp.workspace.yaml", dir .. ";")
  if workspace ~= "" then
    return vim.fn.fnamemodify(workspace, ":p:h")
  end
  local git = vim.fn.finddir(".git", dir .. ";")
  if git ~= "" then
    return vim.fn.fnamemodify(git, ":p:h:h")
  end
  return dir
end

local has = function(version) return vim.fn.has("nvim-" .. version) == 1 end

local function on_attach(client, bufnr)
  if M.config.inlay_hints and vim.lsp.inlay_hint and vim.lsp.inlay_hint.enable then
    -- 0.10 and later take (enable, { bufnr = ... }); nightlies before 0.10 took (bufnr, enable).
    if not pcall(vim.lsp.inlay_hint.enable, true, { bufnr = bufnr }) then
      pcall(vim.lsp.inlay_hint.enable, bufnr, true)
    end
  end
  -- Neovim 0.10 maps `K` to hover and 0.8 sets 'omnifunc' for LSP buffers; earlier, do it here
  -- (unless the user mapped `K` in this buffer already).
  if not has("0.10") and vim.fn.maparg("K", "n", false, true).buffer ~= 1 then
    vim.keymap.set("n", "K", vim.lsp.buf.hover, { buffer = bufnr, desc = "icp: hover" })
  end
  if vim.bo[bufnr].omnifunc == "" then
    vim.bo[bufnr].omnifunc = "v:lua.vim.lsp.omnifunc"
  end
  if M.config.code_lens and vim.lsp.codelens then
    vim.lsp.codelens.refresh()
    vim.api.nvim_create_autocmd({ "BufEnter", "InsertLeave", "TextChanged" }, {
      buffer = bufnr,
      callback = function() vim.lsp.codelens.refresh() end,
    })
  end
end

--- Refreshes the code lens of the current buffer when it is an ICP buffer.
local function refresh_lens()
  local filetype = vim.bo.filetype
  if M.config.code_lens and vim.lsp.codelens and (filetype == "yaml.icp" or filetype == "json.icp") then
    vim.lsp.codelens.refresh()
  end
end

local function start(bufnr)
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == "" then
    return
  end
  local root = root_for(path)
  -- The plugin shows the documents of icp.explain and icp.accounts itself, in a split.
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  capabilities.window = capabilities.window or {}
  capabilities.window.showDocument = { support = false }
  local config = {
    name = "icp",
    cmd = M.config.cmd,
    root_dir = root,
    init_options = M.config.settings,
    settings = M.config.settings,
    capabilities = capabilities,
    on_attach = on_attach,
  }
  if vim.lsp.start then
    vim.lsp.start(config, { bufnr = bufnr })
    return
  end
  -- Neovim 0.7: start one client per root and attach buffers to it.
  local id = clients_by_root[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients_by_root[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
end

--- The icp client attached to `bufnr`, if any.
function M.client_for(bufnr)
  -- vim.lsp.get_clients from 0.10; buf_get_clients before (deprecated since, removed in 0.12).
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr, name = "icp" }) or vim.lsp.buf_get_clients(bufnr)
  for _, client in pairs(clients) do
    if client.name == "icp" then
      return client
    end
  end
end

--- Sends a request through `client`: `client:request` from 0.11, `client.request` before.
local function request(client, method, params, handler, bufnr)
  if has("0.11") then
    return client:request(method, params, handler, bufnr)
  end
  return client.request(method, params, handler, bufnr)
end

--- The current buffer and its icp client, or nil after a warning when it has none.
local function current_client()
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.client_for(bufnr)
  if not client then
    vim.notify("icp: no language server on this buffer", vim.log.levels.WARN)
  end
  return bufnr, client
end

--- Shows the `icp/preview` of the current buffer (its unsaved text) in a floating window.
function M.preview()
  local bufnr, client = current_client()
  if not client then
    return
  end
  request(client, "icp/preview", { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, function(err, result)
    if err then
      vim.notify("icp: " .. (err.message or tostring(err)), vim.log.levels.ERROR)
      return
    end
    vim.lsp.util.open_floating_preview(M.preview_lines(result), "markdown", { border = "rounded" })
  end, bufnr)
end

--- Runs `workspace/executeCommand` `command` with `arguments` on the server of buffer `bufnr`,
--- then `on_result(result, client)`; an error is shown instead.
local function run_command(bufnr, command, arguments, on_result)
  local client = M.client_for(bufnr)
  if not client then
    vim.notify("icp: no language server on this buffer", vim.log.levels.WARN)
    return
  end
  request(client, "workspace/executeCommand", { command = command, arguments = arguments }, function(err, result)
    if err then
      vim.notify("icp: " .. (err.message or tostring(err)), vim.log.levels.ERROR)
      return
    end
    on_result(result, client)
  end, bufnr)
end

--- Runs an editing command on the current buffer's server. The server applies its edit with
--- `workspace/applyEdit` (here too when the client could not); the result's summary is shown.
local function execute(command, arguments, describe)
  run_command(vim.api.nvim_get_current_buf(), command, arguments, function(result, client)
    if result and result.applied == false and result.edit then
      vim.lsp.util.apply_workspace_edit(result.edit, client.offset_encoding)
    end
    vim.notify(describe(result), vim.log.levels.INFO)
  end)
end

--- `:IcpDraft SENTENCE`: an ICP drafted from one sentence, into this buffer when it is empty,
--- else into a new `draft.icp.yaml` beside it.
function M.draft(opts)
  local bufnr = vim.api.nvim_get_current_buf()
  execute("icp.draft", { opts.args, vim.uri_from_bufnr(bufnr) }, function(result)
    local lines = { "icp draft: " .. result.uri }
    for _, parameter in ipairs(result.parameters or {}) do
      table.insert(lines, "  " .. parameter.words .. " → " .. parameter.parameter)
    end
    for _, words in ipairs(result.unmapped or {}) do
      table.insert(lines, "  not mapped: " .. words)
    end
    table.insert(lines, string.format("  %s of %s qualify", M.grouped(result.preview.qualified), M.grouped(result.preview.total)))
    return table.concat(lines, "\n")
  end)
end

--- `:IcpRefine INSTRUCTION`: this buffer edited by an instruction in words.
function M.refine(opts)
  local bufnr = vim.api.nvim_get_current_buf()
  execute("icp.refine", { vim.uri_from_bufnr(bufnr), opts.args }, function(result)
    local lines = { "icp refine:" }
    for _, edit in ipairs(result.edits or {}) do
      table.insert(lines, "  " .. edit)
    end
    if result.before ~= vim.NIL and result.after ~= vim.NIL then
      table.insert(lines, string.format("  qualified %s → %s", M.grouped(result.before.qualified), M.grouped(result.after.qualified)))
    end
    return table.concat(lines, "\n")
  end)
end

--- Opens a command's markdown document in a split, a scratch buffer where `K` on an account
--- key explains that account for the ICP of `source` (the ICP buffer the document came from).
function M.show_document(result, source)
  local buf = vim.api.nvim_create_buf(false, true)
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, vim.split(result.markdown, "\n", { plain = true }))
  vim.bo[buf].filetype = "markdown"
  vim.bo[buf].bufhidden = "wipe"
  vim.bo[buf].modifiable = false
  vim.cmd("split")
  vim.api.nvim_win_set_buf(0, buf)
  vim.keymap.set("n", "K", function()
    local key = vim.fn.expand("<cWORD>"):gsub("[`|]", "")
    M.explain(key, source)
  end, { buffer = buf, desc = "icp: explain the account under the cursor" })
  return buf
end

--- Runs a document command of the server for the ICP buffer `source` and shows its document.
local function document_command(command, arguments, source)
  run_command(source, command, arguments, function(result) M.show_document(result, source) end)
end

--- `:IcpExplain KEY OR NAME`: why that account does or does not qualify for this ICP.
function M.explain(record, source)
  source = source or vim.api.nvim_get_current_buf()
  document_command("icp.explain", { vim.uri_from_bufnr(source), record }, source)
end

--- `:IcpAccounts [qualified|misses|won-outside]`: the accounts, by score, each with why.
function M.accounts(kind, source)
  source = source or vim.api.nvim_get_current_buf()
  document_command("icp.accounts", { vim.uri_from_bufnr(source), kind ~= "" and kind or "qualified" }, source)
end

--- A count with thousands separated, as the server and the CLI write it: `5,000`.
function M.grouped(count)
  local text = tostring(math.floor(count or 0))
  local sign, digits = text:match("^(-?)(%d+)$")
  if not digits then return text end
  return sign .. digits:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "")
end

--- The lines the preview window shows.
function M.preview_lines(preview)
  local function percent(share)
    return share and string.format("%.1f%%", share * 100) or "-"
  end
  local lines = {
    string.format("**%s** · %s (%s)%s", preview.icp, preview.name, preview.status, preview.stale and " — last valid version" or ""),
    string.format("%s of %s qualify (%s)", M.grouped(preview.qualified), M.grouped(preview.total), percent(preview.share)),
  }
  local tiers = {}
  for name, count in pairs(preview.tiers or {}) do
    table.insert(tiers, name .. " " .. M.grouped(count))
  end
  table.sort(tiers)
  if #tiers > 0 then
    table.insert(lines, "tiers: " .. table.concat(tiers, " · "))
  end
  if preview.win_rate ~= nil and preview.win_rate ~= vim.NIL then
    table.insert(lines, string.format("win rate %s vs %s baseline", percent(preview.win_rate), percent(preview.baseline_win_rate)))
  end
  table.insert(lines, "")
  table.insert(lines, "| parameter | matched | left | without |")
  table.insert(lines, "|---|---|---|---|")
  for _, step in ipairs(preview.funnel or {}) do
    table.insert(lines, string.format("| %s %s | %s | %s | %s |", step.mode, step.field, M.grouped(step.matched), M.grouped(step.remaining), M.grouped(step.without)))
  end
  return lines
end

function M.setup(options)
  M.config = vim.tbl_deep_extend("force", M.config, options or {})
  local group = vim.api.nvim_create_augroup("icp", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = { "yaml.icp", "json.icp" },
    callback = function(args) start(args.buf) end,
  })
  -- The server reports reading data with $/progress; a client without codeLens/refresh
  -- support (0.7) is never asked to redraw, so the lens is refreshed when progress is reported.
  vim.api.nvim_create_autocmd("User", { group = group, pattern = "LspProgressUpdate", callback = refresh_lens })
  if has("0.10") then
    vim.api.nvim_create_autocmd("LspProgress", { group = group, pattern = "end", callback = refresh_lens })
  end
  vim.api.nvim_create_user_command("IcpPreview", M.preview, { desc = "Show the ICP preview of this buffer" })
  vim.api.nvim_create_user_command("IcpDraft", M.draft, { nargs = "+", desc = "Draft an ICP from one sentence" })
  vim.api.nvim_create_user_command("IcpRefine", M.refine, { nargs = "+", desc = "Edit this ICP by an instruction in words" })
  vim.api.nvim_create_user_command("IcpExplain", function(opts) M.explain(opts.args) end,
    { nargs = "+", desc = "Why an account (key or name) does or does not qualify" })
  vim.api.nvim_create_user_command("IcpAccounts", function(opts) M.accounts(opts.args) end, {
    nargs = "?", desc = "The accounts this ICP qualifies, misses or won outside",
    complete = function() return { "qualified", "misses", "won-outside" } end,
  })
  -- The code lenses "381 accounts" and "695 won outside" run icp.accounts: shown here, in a split.
  vim.lsp.commands["icp.accounts"] = function(command, ctx)
    local arguments = command.arguments or {}
    M.accounts(arguments[2] or "qualified", ctx and ctx.bufnr or vim.api.nvim_get_current_buf())
    -- codelens.run cleared the lens line before calling this, and (0.7) draws nothing again.
    if ctx and ctx.bufnr and M.config.code_lens and vim.lsp.codelens then
      vim.api.nvim_buf_call(ctx.bufnr, function() pcall(vim.lsp.codelens.refresh) end)
    end
  end
  -- Buffers already open when setup runs.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    local filetype = vim.bo[bufnr].filetype
    if filetype == "yaml.icp" or filetype == "json.icp" then
      start(bufnr)
    end
  end
end

return M
