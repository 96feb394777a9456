//! Signatures of stored reports, kept in the process between batches. A stored report's
//! signature (identifiers, personas, domains, MinHash, flags) never changes after it is
//! written, so a cached copy cannot go stale; its campaign can, so campaigns are always read
//! from the database. An importer that wrote the reports it now compares against never has
//! to read their signatures back.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use lurewatch_core::Signature;

/// Most signatures kept (each about 1 KiB): a few hundred megabytes at most.
const CAPACITY: usize = 250_000;

#[derive(Debug, Default)]
pub(crate) struct SignatureCache {
    signatures: Mutex<HashMap<i64, Arc<Signature>>>,
}

impl SignatureCache {
    /// The cached signatures among `ids`, and the ids not cached.
    pub(crate) fn lookup(&self, ids: &[i64]) -> (HashMap<i64, Arc<Signature>>, Vec<i64>) {
        let Ok(cached) = self.signatures.lock() else {
            return (HashMap::new(), ids.to_vec());
        };
        let mut found = HashMap::new();
        let mut missing = Vec::new();
        for id in ids {
            match cached.get(id) {
                Some(signature) => {
                    found.insert(*id, Arc::clone(signature));
                }
                None => missing.push(*id),
            }
        }
        (found, missing)
    }

    pub(crate) fn remember(&self, signatures: impl IntoIterator<Item = (i64, Arc<Signature>)>) {
        let Ok(mut cached) = self.signatures.lock() else {
            return;
        };
        for (id, signature) in signatures {
            if cached.len() >= CAPACITY {
                // Crude but bounded: start again rather than track recency.
                cached.clear();
            }
            cached.insert(id, signature);
        }
    }
}
