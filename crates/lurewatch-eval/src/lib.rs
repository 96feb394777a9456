//! Measuring the detector on data nobody tuned it on, and assembling what it is trained on.
//!
//! Every labelled set becomes the same thing: [`Example`]s, each a [`Conversation`] with a
//! conversation-level label, tactic labels where the set has them, and the split it belongs
//! to. Public sets under `../shared/data` are read by [`datasets`] (each loader follows its
//! SOURCE.md: reversed labels, overlaps, encodings); the project's own sets are labelled
//! folders ([`datasets::labelled_folder`]). Splits are decided by a hash of the normalised
//! text ([`split`]), so they are stable, written down, and the same text can never sit on both
//! sides. [`metrics`] turns predictions into the figures docs/accuracy.md publishes, and
//! [`intervals`] says how far each can be trusted.

pub mod calibration;
pub mod datasets;
pub mod early;
pub mod example;
pub mod intervals;
pub mod metrics;
pub mod run;
pub mod split;
pub mod training;

pub use example::{Example, Split};

use thiserror::Error;

#[derive(Debug, Error)]
pub enum EvalError {
    #[error("{path}: {detail}")]
    Read { path: String, detail: String },
    #[error("{path}: {detail}")]
    Format { path: String, detail: String },
    #[error("unknown data set {0:?} (known: {1})")]
    UnknownSet(String, String),
}
