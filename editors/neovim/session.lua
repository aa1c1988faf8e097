-- A scripted editing session in Neovim's own language-server client, printing what a
-- user sees at each step: `editors/neovim/session.sh` runs it headless on a copy of
-- editors/neovim/demo/. Each step waits for the server, with a bound, and says what came.
local out = assert(io.open(os.getenv('INVLINT_SESSION_OUT'), 'w'))
local function say(...)
  out:write(string.format(...), '\n')
  out:flush()
end

-- A step that did not see what it should ends the session with status 1.
local function expect(ok, what)
  if not ok then
    say('FAILED: %s', what)
    out:close()
    vim.cmd('cquit 1')
  end
end

local function codes_of(list)
  local codes = {}
  for _, d in ipairs(list) do
    codes[#codes + 1] = d.code
  end
  return table.concat(codes, ' ')
end

local buf = vim.api.nvim_get_current_buf()
local function client()
  return vim.lsp.get_active_clients()[1]
end

local function diagnostics_shown(title)
  say('-- %s', title)
  local shown = vim.diagnostic.get(buf)
  table.sort(shown, function(a, b)
    return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col)
  end)
  local names = { 'error', 'warning', 'info', 'hint' }
  for _, d in ipairs(shown) do
    say('%d:%d %s [%s] %s', d.lnum + 1, d.col + 1, names[d.severity], d.code or '?', d.message)
  end
  return shown
end

-- Waits until the diagnostics differ from `before` (a count), or the bound passes.
local function wait_for_diagnostics(before)
  vim.wait(10000, function()
    return #vim.diagnostic.get(buf) ~= before
  end, 20)
end

local function request(method, params)
  local answers = vim.lsp.buf_request_sync(buf, method, params, 10000) or {}
  for _, answer in pairs(answers) do
    return answer.result
  end
end

local function line_diagnostics(lnum)
  return vim.lsp.diagnostic.get_line_diagnostics(buf, lnum)
end

-- 1. Open: the findings, with their codes.
vim.wait(10000, function()
  return client() ~= nil and #vim.diagnostic.get(buf) > 0
end, 20)
say('server: %s', client() and client().name or 'none')
local shown = diagnostics_shown('diagnostics on open')
expect(codes_of(shown) == 'INV010 INV005 INV022 INV002 INV003', 'the five findings on open')
expect(shown[1].lnum == 3 and shown[1].col == 13, 'INV010 at 4:14')

-- 2. Hover on the first finding's element.
local first = shown[1]
vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col })
local hover = request('textDocument/hover', vim.lsp.util.make_position_params())
say('-- hover at %d:%d', first.lnum + 1, first.col + 1)
expect(hover ~= nil, 'a hover answer')
if hover then
  local text = type(hover.contents) == 'table' and (hover.contents.value or '') or tostring(hover.contents)
  for line in text:gmatch('[^\n]+') do
    say('  %s', line)
  end
  expect(text:find('INV010 boolean%-case') ~= nil, 'the hover names the rule')
end

-- 3. The code actions on the line of the `True` finding, and the quick fix applied.
local boolean
for _, d in ipairs(shown) do
  if d.code == 'INV010' then
    boolean = d
  end
end
vim.api.nvim_win_set_cursor(0, { boolean.lnum + 1, boolean.col })
local params = vim.lsp.util.make_range_params()
params.context = { diagnostics = line_diagnostics(boolean.lnum) }
local actions = request('textDocument/codeAction', params) or {}
say('-- code actions at %d:%d', boolean.lnum + 1, boolean.col + 1)
for _, action in ipairs(actions) do
  say('  %s (%s)', action.title, action.kind or '')
end
local count = #vim.diagnostic.get(buf)
for _, action in ipairs(actions) do
  if action.kind == 'quickfix' and action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
    break
  end
end
wait_for_diagnostics(count)
say('-- line %d after the quick fix: %s', boolean.lnum + 1, vim.api.nvim_buf_get_lines(buf, boolean.lnum, boolean.lnum + 1, false)[1])
shown = diagnostics_shown('diagnostics after the quick fix')
expect(codes_of(shown) == 'INV005 INV022 INV002 INV003', 'INV010 gone after its quick fix')

-- 4. Fix all safe fixes in the file.
count = #shown
params = vim.lsp.util.make_range_params()
params.context = { diagnostics = {}, only = { 'source.fixAll.invlint' } }
for _, action in ipairs(request('textDocument/codeAction', params) or {}) do
  say('-- applying: %s', action.title)
  vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
end
wait_for_diagnostics(count)
shown = diagnostics_shown('diagnostics after fix all')
expect(codes_of(shown) == 'INV002 INV003', 'only the guess left after fix all')

-- 5. Completion on a new line inside <Schedule>.
local schedule
for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  if line:find('<Schedule>') then
    schedule = i
  end
end
vim.api.nvim_buf_set_lines(buf, schedule, schedule, false, { '    <' })
vim.api.nvim_win_set_cursor(0, { schedule + 1, 5 })
local items = request('textDocument/completion', vim.lsp.util.make_position_params()) or {}
items = items.items or items
local labels = {}
for _, item in ipairs(items) do
  labels[#labels + 1] = item.label
end
say('-- completion after `<` in <Schedule>: %s', table.concat(labels, ', '))
expect(labels[1] == 'Frequency', 'Frequency completed first')
vim.api.nvim_buf_set_lines(buf, schedule, schedule + 1, false, {})

-- 6. invlint.toml edited in another buffer: the severities change.
count = #vim.diagnostic.get(buf)
vim.cmd('split invlint.toml')
vim.wait(5000, function()
  return #vim.lsp.get_active_clients() > 0 and vim.lsp.buf_is_attached(0, client().id)
end, 20)
vim.api.nvim_buf_set_lines(0, -1, -1, false, { '[severity]', 'INV003 = "warning"' })
vim.cmd('silent write')
vim.cmd('close')
vim.wait(10000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'INV003' and d.severity == vim.diagnostic.severity.WARN then
      return true
    end
  end
  return false
end, 20)
shown = diagnostics_shown('diagnostics after invlint.toml says INV003 = "warning"')
local warned = false
for _, d in ipairs(shown) do
  warned = warned or (d.code == 'INV003' and d.severity == vim.diagnostic.severity.WARN)
end
expect(warned, 'INV003 a warning after invlint.toml changed')
say('-- every step saw what it should')
out:close()
vim.cmd('qall!')
