" ICP files keep YAML or JSON highlighting and get the `icp` part for the language server.
autocmd BufRead,BufNewFile *.icp.yaml,*.icp.yml set filetype=yaml.icp
autocmd BufRead,BufNewFile *.icp.json set filetype=json.icp
autocmd BufRead,BufNewFile icp.workspace.yaml set filetype=yaml.icp
