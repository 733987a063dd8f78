// Starts `icp lsp` from the user's PATH for ICP files.
use zed_extension_api::{self as zed, LanguageServerId, Result};

struct IcpExtension;

impl zed::Extension for IcpExtension {
    fn new() -> Self {
        IcpExtension
    }

    fn language_server_command(&mut self, _id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        let path = worktree
            .which("icp")
            .ok_or_else(|| "icp is not on PATH: build it with `swift build -c release` and put .build/release/icp on PATH".to_string())?;
        Ok(zed::Command { command: path, args: vec!["lsp".into()], env: Default::default() })
    }
}

zed::register_extension!(IcpExtension);
