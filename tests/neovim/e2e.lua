-- End-to-end test of `ikilint server` in Neovim's built-in LSP client (0.7 or later), run headless by
-- tests/neovim.rs on a copy of examples/ ($IKILINT_ROOT) with the binary $IKILINT_BIN. Prints "ok" and exits 0,
-- or prints "FAIL: why" and exits 1.

local root = os.getenv("IKILINT_ROOT")
local bin = os.getenv("IKILINT_BIN")

local function check(condition, message)
  if not condition then
    error(message, 0)
  end
end

local function open(name)
  vim.cmd("edit " .. vim.fn.fnameescape(root .. "/" .. name))
  return vim.api.nvim_get_current_buf()
end

local function request(buf, method, params)
  local responses = vim.lsp.buf_request_sync(buf, method, params, 20000)
  check(responses, method .. ": no response")
  for _, response in pairs(responses) do
    check(not response.err, method .. ": " .. vim.inspect(response.err))
    return response.result
  end
end

-- The 0-based row of the first line matching `pattern`.
local function find_row(lines, pattern)
  for i, line in ipairs(lines) do
    if line:match(pattern) then
      return i - 1
    end
  end
  error("no line matches " .. pattern, 0)
end

local function run()
  local client_id = vim.lsp.start_client({
    name = "ikilint",
    cmd = { bin, "server" },
    root_dir = root,
    init_options = { lang = "en" },
    workspace_folders = { { uri = vim.uri_from_fname(root), name = "examples" } },
    flags = { debounce_text_changes = 0 },
  })
  check(client_id, "the server did not start")

  -- Diagnostics arrive for a document with findings.
  local masama = open("masama-2020.yaml")
  vim.lsp.buf_attach_client(masama, client_id)
  check(vim.wait(20000, function() return #vim.diagnostic.get(masama) > 0 end, 50), "no diagnostics for masama-2020.yaml")
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(masama)) do
    codes[d.code] = true
  end
  check(codes["T001"], "no T001 among the diagnostics: " .. vim.inspect(vim.tbl_keys(codes)))

  -- Completion after `mendukung: ` offers the superior's sasaran (the camat's S1 and S2).
  local clean = open("contoh-bersih-2024.yaml")
  vim.lsp.buf_attach_client(clean, client_id)
  local lines = vim.api.nvim_buf_get_lines(clean, 0, -1, false)
  local row = find_row(lines, "^%s+mendukung: S2$")
  local typed = lines[row + 1]:gsub("S2$", "")
  vim.api.nvim_buf_set_lines(clean, row, row + 1, false, { typed })
  vim.wait(300)
  local uri = vim.uri_from_bufnr(clean)
  local result = request(clean, "textDocument/completion", {
    textDocument = { uri = uri },
    position = { line = row, character = #typed },
  })
  local items = result.items or result
  local labels = {}
  for _, item in ipairs(items) do
    labels[item.label] = item.detail or ""
  end
  check(labels["S1"] and labels["S2"], "completion after `mendukung: `: " .. vim.inspect(labels))
  check(#labels["S2"] > 0, "the sasaran's text is shown")
  vim.api.nvim_buf_set_lines(clean, row, row + 1, false, { lines[row + 1] })
  vim.wait(300)

  -- Rename the camat's S2: its id and the sekcam's `mendukung: S2` change.
  local id_row = find_row(lines, "^%s+%- id: S2$")
  local edit = request(clean, "textDocument/rename", {
    textDocument = { uri = uri },
    position = { line = id_row, character = #lines[id_row + 1] - 1 },
    newName = "S7",
  })
  check(edit, "rename gave no edit")
  vim.lsp.util.apply_workspace_edit(edit, "utf-16")
  local after = vim.api.nvim_buf_get_lines(clean, 0, -1, false)
  check(after[id_row + 1]:match("id: S7$"), "renamed id: " .. after[id_row + 1])
  check(after[row + 1]:match("mendukung: S7$"), "renamed reference: " .. after[row + 1])
end

local ok, err = pcall(run)
if ok then
  io.stdout:write("ok\n")
  vim.cmd("qall!")
else
  io.stdout:write("FAIL: " .. tostring(err) .. "\n")
  vim.cmd("cquit 1")
end
