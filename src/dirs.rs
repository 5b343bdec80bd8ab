//! Where dossier keeps its files: XDG config, state and cache directories,
//! each overridable by an environment variable (`DOSSIER_CONFIG_DIR`,
//! `DOSSIER_STATE_DIR`, `DOSSIER_CACHE_DIR`).

use std::path::PathBuf;

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "dossier")
}

fn from_env(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The configuration directory (`$XDG_CONFIG_HOME/dossier`).
pub fn config_dir() -> Option<PathBuf> {
    from_env("DOSSIER_CONFIG_DIR").or_else(|| project().map(|p| p.config_dir().to_path_buf()))
}

/// The state directory (`$XDG_STATE_HOME/dossier`): reading state, logs.
pub fn state_dir() -> Option<PathBuf> {
    from_env("DOSSIER_STATE_DIR").or_else(|| {
        project().map(|p| {
            p.state_dir()
                .unwrap_or_else(|| p.data_local_dir())
                .to_path_buf()
        })
    })
}

/// The cache directory (`$XDG_CACHE_HOME/dossier`): the index cache.
pub fn cache_dir() -> Option<PathBuf> {
    from_env("DOSSIER_CACHE_DIR").or_else(|| project().map(|p| p.cache_dir().to_path_buf()))
}
