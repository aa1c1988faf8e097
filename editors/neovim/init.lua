-- invlint for Neovim 0.7 or newer, in one file: `nvim -u editors/neovim/init.lua FILE`,
-- or copy it into your own init.lua. On Neovim 0.11 the four lines of editors/README.md
-- do the same. One server serves every XML, JSON and .http buffer of a root (the nearest
-- directory above the file with an invlint.toml or a .git).
local clients = {}

local function root_of(file)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  while dir ~= '/' do
    if vim.fn.filereadable(dir .. '/invlint.toml') == 1 or vim.fn.isdirectory(dir .. '/.git') == 1 then
      return dir
    end
    dir = vim.fn.fnamemodify(dir, ':h')
  end
  return vim.fn.getcwd()
end

local function attach(args)
  local root = root_of(vim.api.nvim_buf_get_name(args.buf))
  if not clients[root] then
    clients[root] = vim.lsp.start_client({
      name = 'invlint',
      cmd = { 'invlint', 'server' },
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    })
  end
  vim.lsp.buf_attach_client(args.buf, clients[root])
end

vim.api.nvim_create_autocmd('FileType', { pattern = { 'xml', 'json', 'http' }, callback = attach })
-- Neovim has no `http` file type of its own.
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, { pattern = '*.http', command = 'setfiletype http' })
-- Editing invlint.toml checks the open documents again with what it now says.
vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, { pattern = 'invlint.toml', callback = attach })
