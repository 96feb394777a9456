//! Finding and reading inputs: files, folders (walked, in a stable order) and standard input,
//! each read only up to the size limit so that a huge file is refused without loading it.

use std::path::{Path, PathBuf};

pub use lurewatch_core::bounded_read::{ReadError, read_at_most, read_file_at_most};

/// One input to process: a path, or `-` for standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(path) => path.display().to_string(),
        }
    }
}

/// A problem with one input before parsing: missing, unreadable, too big.
#[derive(Debug)]
pub struct InputError {
    pub name: String,
    pub message: String,
}

/// Expands folders into the files below them (hidden files skipped, sorted); keeps the order
/// of the arguments otherwise. Unreadable folders are reported and skipped.
pub fn expand(paths: &[PathBuf], errors: &mut Vec<InputError>) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            walk(path, &mut inputs, errors);
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    inputs
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(InputError {
                name: dir.display().to_string(),
                message: e.to_string(),
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden || path.is_symlink() {
            continue;
        }
        if path.is_dir() {
            walk(&path, inputs, errors);
        } else {
            inputs.push(Input::File(path));
        }
    }
}

/// Reads an input, refusing anything over `limit` bytes without reading it all.
pub fn read(input: &Input, limit: u64) -> Result<Vec<u8>, String> {
    let result = match input {
        Input::Stdin => read_at_most(std::io::stdin().lock(), limit),
        Input::File(path) => read_file_at_most(path, limit),
    };
    result.map_err(|e| match e {
        ReadError::Io(e) => e.to_string(),
        ReadError::TooLarge(size) => format!(
            "the file is {size} bytes, over the limit of {limit} bytes (raise it with --max-size)"
        ),
    })
}
