//! The trained classifier: catches paraphrases the rules miss and weighs the rules' evidence
//! against the rest of the conversation. It combines with the rules by taking their findings
//! and score as features, so its probability is the one calibrated score of both; the
//! explanation still comes from the rules' tactics and evidence.

pub mod features;
pub mod model;
pub mod train;

pub use features::Features;
pub use model::{Head, Model, ModelError};
pub use train::{TrainParams, TrainingExample, train};

/// The model shipped in `models/classifier.lwm`, built into the binary.
pub fn embedded() -> Result<Model, ModelError> {
    Model::from_bytes(include_bytes!("../../../../models/classifier.lwm"))
}
