//! Which trained model scores reports: the one built into the binary, a file written by
//! `lurewatch train` (so a team that trains on its own labelled reports scans with what it
//! trained, without rebuilding), or none (the rules alone). Shared by `scan`, `import` and
//! `eval`, so that a model file is refused the same way, naming it, by every command.

use std::path::Path;

use anyhow::{Context, Result};
use lurewatch_detect::Detector;

use crate::input::{self, ReadError};

/// A model file is about 3 MB; anything far larger (or endless, like `/dev/zero`) is not
/// one, and is refused before it fills memory.
const MAX_MODEL_BYTES: u64 = 64 << 20;

/// `detector` scoring with the model chosen: none for the rules alone, else the file at
/// `path`, or the built-in model when no path is given. Each analysis names the model file
/// by its SHA-256.
pub fn attach(detector: Detector, path: Option<&Path>, rules_only: bool) -> Result<Detector> {
    if rules_only {
        return Ok(detector);
    }
    Ok(match path {
        Some(path) => {
            let bytes = read(path)?;
            detector
                .with_model_file(&bytes)
                .with_context(|| format!("loading {}", path.display()))?
        }
        None => detector.with_model_file(lurewatch_detect::classifier::EMBEDDED)?,
    })
}

fn read(path: &Path) -> Result<Vec<u8>> {
    input::read_file_at_most(path, MAX_MODEL_BYTES).map_err(|e| match e {
        ReadError::Io(e) => anyhow::Error::new(e).context(format!("reading {}", path.display())),
        ReadError::TooLarge(_) => anyhow::anyhow!(
            "{} is larger than {} MiB: not a lurewatch model file",
            path.display(),
            MAX_MODEL_BYTES >> 20
        ),
    })
}
