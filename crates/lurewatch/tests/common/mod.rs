//! Helpers shared by the `lurewatch` binary's test files.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where `examples/` lives; tests run the binary from there.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Runs the binary from the repository root.
pub fn lurewatch(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lurewatch"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

/// Runs the binary from the repository root with one more environment variable.
pub fn lurewatch_with_env(args: &[&str], (key, value): (&str, &str)) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lurewatch"))
        .args(args)
        .env(key, value)
        .current_dir(root())
        .output()
        .unwrap()
}

/// A JSON `indicators` array as `kind=value` strings, for readable assertions.
pub fn indicator_pairs(indicators: &serde_json::Value) -> Vec<String> {
    indicators
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{}={}",
                i["kind"].as_str().unwrap(),
                i["value"].as_str().unwrap()
            )
        })
        .collect()
}
