//! The trained classifier: catches paraphrases the rules miss and weighs the rules' evidence
//! against the rest of the conversation. It combines with the rules by taking their findings
//! and score as features, so its probability is the one score of both; the explanation still
//! comes from the rules' tactics and evidence. The probability is on the scale the training
//! weights give it (every set-and-label group counts alike), with the chat head shifted so
//! that the one threshold is its operating point: it ranks and it decides. What a score means
//! as a probability is the [`calibration`]'s work, fitted on held-out data.

pub mod calibration;
mod digest;
mod exact;
pub mod features;
pub mod message;
pub mod model;
pub mod stem;
pub mod train;

pub use crate::channel::Channel;
pub use calibration::{Calibration, Observation};
pub use digest::ModelDigest;
pub use features::Features;
pub use model::{Head, HeadKind, Model, ModelError, sigmoid};
pub use train::{TrainParams, TrainingExample, train};

/// The bytes of the model shipped in `models/classifier.lwm`, built into the binary.
pub const EMBEDDED: &[u8] = include_bytes!("../../../../models/classifier.lwm");

/// The model shipped in `models/classifier.lwm`, built into the binary.
pub fn embedded() -> Result<Model, ModelError> {
    Model::from_bytes(EMBEDDED)
}
