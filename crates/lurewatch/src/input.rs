//! Finding and reading inputs: files, folders (walked, in a stable order) and standard input,
//! each read only up to the size limit so that a huge file is refused without loading it.

use std::io::Read;
use std::path::{Path, PathBuf};

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

/// Why a bounded read failed.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// Over the limit: the size seen (the file's, or as much as was read before stopping).
    TooLarge(u64),
}

/// Reads at most `limit` bytes; a source with more is refused without reading the rest.
fn read_at_most(source: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    source
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a file of at most `limit` bytes, refusing a larger one by its size before reading
/// (and an endless one, such as a device, after `limit` bytes).
pub fn read_file_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    let size = file.metadata().map_err(ReadError::Io)?.len();
    if size > limit {
        return Err(ReadError::TooLarge(size));
    }
    read_at_most(file, limit)
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
