//! Campaign linking: a dozen people each report one chat, and the security team sees one actor.
//!
//! Each report is reduced to a [`Signature`]: the identifiers its other party used (numbers,
//! handles, addresses, links, media hashes), the names they called themselves, and a MinHash
//! of what they wrote with numbers, links and names replaced by placeholders, so that an actor
//! who rotates numbers and personas but keeps a script is still recognised. [`decide`] turns
//! a new signature and the candidates an index found for it into explained edges; a
//! union-find ([`Linker`] in memory, or the store's tables) turns edges into campaigns.
//!
//! This crate knows nothing of storage or detection: the store keeps what [`decide`] needs in
//! the database so that any process can link, and the detector's indicators arrive as plain
//! [`lurewatch_core::Indicator`]s.

mod bcubed;
mod decide;
mod linker;
mod minhash;
mod signature;
pub mod synthetic;
mod text;
mod union_find;

pub use bcubed::{BCubed, bcubed};
pub use decide::{Candidate, Edge, LinkParams, decide, decide_among};
pub use linker::Linker;
pub use minhash::{BANDS, MinHash, PERMUTATIONS, ROWS};
pub use signature::{Signature, signature};
pub use text::linking_text;
pub use union_find::UnionFind;
