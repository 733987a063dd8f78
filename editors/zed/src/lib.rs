// Starts `icp lsp` for ICP files: the `icp` on PATH when there is one, else the release for
// this platform, downloaded once from GitHub into the extension's folder (as Zed's own
// extensions fetch their servers).
use std::fs;
use zed_extension_api::{self as zed, LanguageServerId, Result};

/// Where releases are published: `icp-VERSION-ARCH-linux.tar.gz` assets (Scripts/release.sh).
const REPOSITORY: &str = "icp-lsp/icp";

struct IcpExtension {
    cached_binary: Option<String>,
}

impl IcpExtension {
    fn binary(&mut self, id: &LanguageServerId, worktree: &zed::Worktree) -> Result<String> {
        if let Some(path) = worktree.which("icp") {
            return Ok(path);
        }
        if let Some(path) = &self.cached_binary {
            if fs::metadata(path).map(|m| m.is_file()).unwrap_or(false) {
                return Ok(path.clone());
            }
        }
        let (os, arch) = zed::current_platform();
        let arch = match arch {
            zed::Architecture::X8664 => "x86_64",
            zed::Architecture::Aarch64 => "aarch64",
            _ => return Err("icp has no release for this processor; build it from source and put it on PATH".into()),
        };
        if os != zed::Os::Linux {
            return Err("icp publishes Linux releases; on this system build it from source (swift build -c release) and put it on PATH".into());
        }
        zed::set_language_server_installation_status(id, &zed::LanguageServerInstallationStatus::CheckingForUpdate);
        let release = zed::latest_github_release(REPOSITORY, zed::GithubReleaseOptions { require_assets: true, pre_release: false })?;
        let version = release.version.trim_start_matches('v').to_string();
        let name = format!("icp-{version}-{arch}-linux");
        let asset = release
            .assets
            .iter()
            .find(|asset| asset.name == format!("{name}.tar.gz"))
            .ok_or_else(|| format!("release {} has no {name}.tar.gz", release.version))?;
        let binary = format!("{name}/bin/icp");
        if !fs::metadata(&binary).map(|m| m.is_file()).unwrap_or(false) {
            zed::set_language_server_installation_status(id, &zed::LanguageServerInstallationStatus::Downloading);
            zed::download_file(&asset.download_url, ".", zed::DownloadedFileType::GzipTar)
                .map_err(|e| format!("downloading {}: {e}", asset.name))?;
            zed::make_file_executable(&binary)?;
            // Older releases downloaded before this one are removed.
            for entry in fs::read_dir(".").map_err(|e| e.to_string())?.flatten() {
                let old = entry.file_name().to_string_lossy().to_string();
                if old.starts_with("icp-") && old != name {
                    fs::remove_dir_all(entry.path()).ok();
                }
            }
        }
        self.cached_binary = Some(binary.clone());
        Ok(binary)
    }
}

impl zed::Extension for IcpExtension {
    fn new() -> Self {
        IcpExtension { cached_binary: None }
    }

    fn language_server_command(&mut self, id: &LanguageServerId, worktree: &zed::Worktree) -> Result<zed::Command> {
        let command = self.binary(id, worktree)?;
        Ok(zed::Command { command, args: vec!["lsp".into()], env: Default::default() })
    }
}

zed::register_extension!(IcpExtension);
