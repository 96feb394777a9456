//! The trained model: a logistic regression over [`features`](super::features), stored as
//! 16-bit weights with one scale. The file is small (half a megabyte), versioned by its
//! header, shipped in `models/` and built into the binary; `lurewatch train` writes a new one.
//!
//! File layout (little endian): `LWCLF` + format version byte (3; it changes whenever the
//! features change meaning, so a model trained on other features is refused), hash bits (u32), dense
//! features (u32), bias (f32), decision threshold (f32), weight scale (f32), then one i16 per
//! dimension, then one u8 per hashed slot: its inverse document frequency in steps of 1/16.

use super::features::{DENSE, DIMENSIONS, Features, HASH_BITS, HASH_SLOTS, weighed};

const MAGIC: &[u8; 5] = b"LWCLF";
const VERSION: u8 = 3;
/// IDF is stored in steps of this size.
const IDF_STEP: f32 = 1.0 / 16.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub weights: Vec<f32>,
    /// Inverse document frequency of each hashed slot, from the training data.
    pub idf: Vec<f32>,
    pub bias: f32,
    /// Probability at or above which a conversation counts as malicious (chosen on a
    /// validation split carved from the training data).
    pub threshold: f32,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ModelError {
    #[error("not a lurewatch model file")]
    Magic,
    #[error("model format version {0} is not supported (this build reads version 3)")]
    Version(u8),
    #[error(
        "model was trained for {bits} hash bits and {dense} dense features; this build uses {HASH_BITS} and {DENSE}"
    )]
    Shape { bits: u32, dense: u32 },
    #[error("model file is truncated")]
    Truncated,
}

impl Model {
    /// The probability that a conversation is malicious.
    pub fn probability(&self, features: &Features) -> f64 {
        let z: f32 = self.bias
            + weighed(features, &self.idf)
                .map(|(i, v)| self.weights.get(i as usize).copied().unwrap_or(0.0) * v)
                .sum::<f32>();
        1.0 / (1.0 + f64::from(-z).exp())
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let largest = self
            .weights
            .iter()
            .fold(0.0f32, |m, w| m.max(w.abs()))
            .max(f32::MIN_POSITIVE);
        let scale = largest / f32::from(i16::MAX);
        let mut out = Vec::with_capacity(25 + 2 * self.weights.len());
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.extend_from_slice(&HASH_BITS.to_le_bytes());
        out.extend_from_slice(&(DENSE as u32).to_le_bytes());
        out.extend_from_slice(&self.bias.to_le_bytes());
        out.extend_from_slice(&self.threshold.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for w in &self.weights {
            let q = (w / scale)
                .round()
                .clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16;
            out.extend_from_slice(&q.to_le_bytes());
        }
        for i in 0..HASH_SLOTS {
            let idf = self.idf.get(i).copied().unwrap_or(1.0);
            out.push((idf / IDF_STEP).round().clamp(0.0, 255.0) as u8);
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let (magic, rest) = bytes
            .split_at_checked(MAGIC.len())
            .ok_or(ModelError::Truncated)?;
        if magic != MAGIC {
            return Err(ModelError::Magic);
        }
        let (&version, rest) = rest.split_first().ok_or(ModelError::Truncated)?;
        if version != VERSION {
            return Err(ModelError::Version(version));
        }
        let mut fields = rest.chunks_exact(4);
        let mut next = || -> Result<[u8; 4], ModelError> {
            fields
                .next()
                .and_then(|c| <[u8; 4]>::try_from(c).ok())
                .ok_or(ModelError::Truncated)
        };
        let bits = u32::from_le_bytes(next()?);
        let dense = u32::from_le_bytes(next()?);
        if bits != HASH_BITS || dense as usize != DENSE {
            return Err(ModelError::Shape { bits, dense });
        }
        let bias = f32::from_le_bytes(next()?);
        let threshold = f32::from_le_bytes(next()?);
        let scale = f32::from_le_bytes(next()?);
        let body = rest.get(20..).ok_or(ModelError::Truncated)?;
        if body.len() != 2 * DIMENSIONS + HASH_SLOTS {
            return Err(ModelError::Truncated);
        }
        let (weights, idf) = body.split_at(2 * DIMENSIONS);
        let weights = weights
            .chunks_exact(2)
            .map(|c| f32::from(i16::from_le_bytes([c[0], c[1]])) * scale)
            .collect();
        let idf = idf.iter().map(|q| f32::from(*q) * IDF_STEP).collect();
        Ok(Model {
            weights,
            idf,
            bias,
            threshold,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_survives_its_file_format() {
        let mut weights = vec![0.0; DIMENSIONS];
        weights[3] = 1.5;
        weights[DIMENSIONS - 1] = -0.75;
        let model = Model {
            weights,
            idf: vec![2.5; HASH_SLOTS],
            bias: -0.5,
            threshold: 0.6,
        };
        let back = Model::from_bytes(&model.to_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.bias, -0.5);
        assert_eq!(back.threshold, 0.6);
        assert!((back.weights[3] - 1.5).abs() < 1e-3);
        assert!((back.weights[DIMENSIONS - 1] + 0.75).abs() < 1e-3);
        assert_eq!(back.idf[7], 2.5);
    }

    #[test]
    fn damaged_files_are_refused_with_a_reason() {
        assert_eq!(Model::from_bytes(b""), Err(ModelError::Truncated));
        assert_eq!(Model::from_bytes(b"NOTAMODEL"), Err(ModelError::Magic));
        assert_eq!(Model::from_bytes(b"LWCLF\x09"), Err(ModelError::Version(9)));
        assert_eq!(Model::from_bytes(b"LWCLF\x01"), Err(ModelError::Version(1)));
        let mut bytes = Model {
            weights: vec![0.0; DIMENSIONS],
            idf: vec![1.0; HASH_SLOTS],
            bias: 0.0,
            threshold: 0.5,
        }
        .to_bytes();
        bytes.truncate(bytes.len() - 1);
        assert_eq!(Model::from_bytes(&bytes), Err(ModelError::Truncated));
    }
}
