//! Reading a file or stream with an upper bound on its size. Whoever reads what a user points
//! at (`scan`'s inputs, a model file, a labelled folder for `eval`) must refuse a huge or
//! endless file (`/dev/zero` behind a link) before it fills memory, not after.

use std::io::Read;
use std::path::Path;

/// Why a bounded read failed.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// Over the limit: the size seen (the file's, or as much as was read before stopping).
    TooLarge(u64),
}

/// Reads at most `limit` bytes; a source with more is refused without reading the rest.
pub fn read_at_most(source: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    source
        .take(limit.saturating_add(1))
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
