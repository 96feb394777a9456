//! What the shared-data tests have in common: finding a folder of `../shared/data`, and saying
//! so, loudly, when it is absent (CI has it; a fresh checkout elsewhere may not).

use std::path::{Path, PathBuf};

/// `../shared/data/NAME`, or `None` after printing that the tests needing it are skipped.
pub fn shared_data(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(name);
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is absent; these tests need ../shared/data",
            dir.display()
        );
        None
    }
}
