//! The trained model: two logistic regressions over [`features`](super::features), one for
//! single texts (an SMS, an e-mail, a short exchange) and one for dialogues of three messages
//! or more, and a third that reads one message of a dialogue at a time and says whether it
//! asks for sensitive information (the message head: rules name such requests only in the
//! words they were written for, and the annotated sets show how many other ways there are),
//! stored as 16-bit weights with one scale each. A text message and a long chat are
//! different problems: trained as one model, the thousands of SMS decided what a word means in
//! a professional chat, and the one threshold that real ham SMS needs was far too strict for
//! conversations. Both conversation heads answer on one scale with one threshold: the dialogue head's
//! intercept is aligned when it is trained so that the shared threshold is its operating point
//! (see `lurewatch train`). The file is small (about 2.3 MB), versioned by its header, shipped
//! in `models/` and built into the binary; `lurewatch train` writes a new one.
//!
//! Each head also carries the [`Calibration`] that `lurewatch train` fitted on held-out reports
//! it scores, which turns the combined score into the probability that a report is an attack.
//!
//! File layout (little endian): `LWCLF` + format version byte (9; it changes whenever the
//! features or the layout change meaning, so a model trained on other features is refused),
//! hash bits (u32), dense features (u32), decision threshold (f32), the message head's
//! threshold (f32), then each head (the message head, single texts, dialogues): bias (f32),
//! weight scale (f32), one i16 per dimension, one u8 per hashed slot (its inverse document
//! frequency in steps of 1/16), its calibration: a u32 count of knots, then each knot's score
//! and probability (f32 each; none for the message head); last a byte, 1 if an e-mail head
//! follows in the same form, 0 if not.

use super::calibration::Calibration;
use super::features::{DENSE, DIMENSIONS, Features, HASH_BITS, HASH_SLOTS, is_dialogue};
use crate::channel::Channel;

const MAGIC: &[u8; 5] = b"LWCLF";
/// 9: an optional e-mail head follows the dialogue head (a flag byte, then the head). 8: words
/// are folded by `stem::feature_word` before hashing, so a version 7 file would score against
/// grams it was never fitted on.
const VERSION: u8 = 9;
/// IDF is stored in steps of this size.
const IDF_STEP: f32 = 1.0 / 16.0;
/// More knots than a validation split could ever yield means a damaged file.
const MAX_KNOTS: usize = 1 << 16;
/// Bytes of one head in the file, before its calibration.
const HEAD_BYTES: usize = 8 + 2 * DIMENSIONS + HASH_SLOTS;

/// One logistic regression: weights over every dimension, the IDF of each hashed slot (from
/// its own training texts) and a bias.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub weights: Vec<f32>,
    /// Inverse document frequency of each hashed slot, from the training data.
    pub idf: Vec<f32>,
    pub bias: f32,
    /// From the combined score of a report this head scored to the probability that it is an
    /// attack (empty: not fitted). Per head, because a score means something else for a text
    /// message than for a chat.
    pub calibration: Calibration,
}

/// What one pass over a vector gathers for a head's log-odds: the squared length of its
/// IDF-weighted grams, their dot product with the weights, and the dense features' part.
/// Dividing the grams' part by the length once at the end is [`weigh`]'s unit length without
/// building the weighed vector; every score (a conversation's, and each message's in
/// [`MessageSlots::probabilities`](super::message::MessageSlots::probabilities)) goes through
/// here, so the same grams in the same order give the same floats.
///
/// [`weigh`]: super::features::weigh
#[derive(Debug, Clone, Copy, Default)]
pub struct GramSums {
    squares: f32,
    grams: f32,
    pub dense: f32,
}

impl GramSums {
    /// Adds a gram of log-scaled count `count` whose slot has `weight` and `idf`.
    pub fn gram(&mut self, weight: f32, idf: f32, count: f32) {
        let w = count * idf;
        self.squares += w * w;
        self.grams += weight * w;
    }

    pub fn logit(&self, bias: f32) -> f32 {
        let norm = self.squares.sqrt();
        let grams = if norm > 0.0 {
            self.grams / norm
        } else {
            self.grams
        };
        bias + grams + self.dense
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Scores single texts and short exchanges.
    pub single: Head,
    /// Scores conversations of three messages or more.
    pub dialogue: Head,
    /// Probability at or above which a conversation counts as malicious (chosen on data
    /// carved from the training side, never on a test split).
    pub threshold: f32,
    /// Scores one message of the other party in a dialogue, from [`message_features`]: does
    /// it ask for sensitive information (message-level labels: SEConvo, AntiScam).
    ///
    /// [`message_features`]: super::message::message_features
    pub asks: Head,
    /// Probability at or above which the message head says a message asks (chosen out of
    /// fold on its training messages).
    pub asks_threshold: f32,
    /// Scores a single e-mail in place of [`Model::single`], when trained: fitted on the
    /// single head's texts and on e-mail both ways, its operating point chosen on e-mail and
    /// aligned to the shared threshold. The single head, which learnt ham from SMS, flags
    /// most ordinary e-mail (docs/accuracy.md, "E-mail both ways").
    pub email: Option<Head>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ModelError {
    #[error("not a lurewatch model file")]
    Magic,
    #[error("model format version {0} is not supported (this build reads version {VERSION})")]
    Version(u8),
    #[error(
        "model was trained for {bits} hash bits and {dense} dense features; this build uses {HASH_BITS} and {DENSE}"
    )]
    Shape { bits: u32, dense: u32 },
    #[error("model file is truncated")]
    Truncated,
    #[error("model file's calibration is not a monotone map onto probabilities")]
    Calibration,
}

impl Head {
    /// The log-odds that a conversation is malicious: the head's weights against the vector
    /// [`weigh`](super::features::weigh) builds, in one pass over `features`.
    pub fn logit(&self, features: &Features) -> f32 {
        let mut sums = GramSums::default();
        for &(i, v) in &features.0 {
            let weight = self.weights.get(i as usize).copied().unwrap_or(0.0);
            if (i as usize) < HASH_SLOTS {
                sums.gram(weight, self.idf.get(i as usize).copied().unwrap_or(1.0), v);
            } else {
                sums.dense += weight * v;
            }
        }
        sums.logit(self.bias)
    }

    pub fn probability(&self, features: &Features) -> f64 {
        sigmoid(self.logit(features))
    }

    /// How strongly a set of gram slots pulls toward "malicious" (IDF-weighted, before a
    /// conversation's length normalisation): for ranking one conversation's messages against
    /// each other, not a probability.
    pub fn pull(&self, slots: &[u32]) -> f32 {
        slots
            .iter()
            .map(|&i| {
                let i = i as usize;
                self.weights.get(i).copied().unwrap_or(0.0)
                    * self.idf.get(i).copied().unwrap_or(1.0)
            })
            .sum()
    }

    fn write(&self, out: &mut Vec<u8>) {
        let largest = self
            .weights
            .iter()
            .fold(0.0f32, |m, w| m.max(w.abs()))
            .max(f32::MIN_POSITIVE);
        let scale = largest / f32::from(i16::MAX);
        out.extend_from_slice(&self.bias.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for i in 0..DIMENSIONS {
            let w = self.weights.get(i).copied().unwrap_or(0.0);
            let q = (w / scale)
                .round()
                .clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16;
            out.extend_from_slice(&q.to_le_bytes());
        }
        for i in 0..HASH_SLOTS {
            let idf = self.idf.get(i).copied().unwrap_or(1.0);
            out.push((idf / IDF_STEP).round().clamp(0.0, 255.0) as u8);
        }
        let knots = self.calibration.knots.len().min(MAX_KNOTS);
        out.extend_from_slice(&(knots as u32).to_le_bytes());
        for (score, probability) in self.calibration.knots.iter().take(knots) {
            out.extend_from_slice(&score.to_le_bytes());
            out.extend_from_slice(&probability.to_le_bytes());
        }
    }

    /// Reads one head from the start of `bytes`; returns it and the bytes after it.
    fn read(bytes: &[u8]) -> Result<(Head, &[u8]), ModelError> {
        let (bias, rest) = take_f32(bytes)?;
        let (scale, rest) = take_f32(rest)?;
        let (weights, rest) = rest
            .split_at_checked(2 * DIMENSIONS)
            .ok_or(ModelError::Truncated)?;
        let (idf, rest) = rest
            .split_at_checked(HASH_SLOTS)
            .ok_or(ModelError::Truncated)?;
        let (calibration, rest) = read_calibration(rest)?;
        let head = Head {
            weights: weights
                .chunks_exact(2)
                .map(|c| f32::from(i16::from_le_bytes([c[0], c[1]])) * scale)
                .collect(),
            idf: idf.iter().map(|q| f32::from(*q) * IDF_STEP).collect(),
            bias,
            calibration,
        };
        Ok((head, rest))
    }
}

/// A head's calibration: a u32 count, then (score, probability) f32 pairs, ascending in both,
/// every probability within [0, 1].
fn read_calibration(bytes: &[u8]) -> Result<(Calibration, &[u8]), ModelError> {
    let (count, mut rest) = take4(bytes)?;
    let count = u32::from_le_bytes(count) as usize;
    if count > MAX_KNOTS {
        return Err(ModelError::Truncated);
    }
    let mut knots = Vec::with_capacity(count);
    for _ in 0..count {
        let (score, after) = take_f32(rest)?;
        let (probability, after) = take_f32(after)?;
        knots.push((score, probability));
        rest = after;
    }
    let sound = knots
        .iter()
        .all(|(s, p)| s.is_finite() && (0.0..=1.0).contains(p))
        && knots
            .windows(2)
            .all(|w| matches!(w, [a, b] if a.0 <= b.0 && a.1 <= b.1));
    if !sound {
        return Err(ModelError::Calibration);
    }
    Ok((Calibration { knots }, rest))
}

/// The probability of a log-odds, as the heads compute it.
pub fn sigmoid(z: f32) -> f64 {
    1.0 / (1.0 + f64::from(-z).exp())
}

/// The next four bytes and the rest.
fn take4(bytes: &[u8]) -> Result<([u8; 4], &[u8]), ModelError> {
    let (value, rest) = bytes.split_at_checked(4).ok_or(ModelError::Truncated)?;
    let value = <[u8; 4]>::try_from(value).map_err(|_| ModelError::Truncated)?;
    Ok((value, rest))
}

fn take_f32(bytes: &[u8]) -> Result<(f32, &[u8]), ModelError> {
    take4(bytes).map(|(value, rest)| (f32::from_le_bytes(value), rest))
}

/// Which of a model's conversation heads scores a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadKind {
    Single,
    Dialogue,
    Email,
}

impl Model {
    /// Which head scores these features, from this channel: the dialogue head for any
    /// dialogue, else the e-mail head for e-mail (when trained), else the single-text head.
    /// The one place that decides, for scoring and for `lurewatch train`'s calibration.
    pub fn head_kind(&self, features: &Features, channel: Channel) -> HeadKind {
        if is_dialogue(features) {
            HeadKind::Dialogue
        } else if channel == Channel::Email && self.email.is_some() {
            HeadKind::Email
        } else {
            HeadKind::Single
        }
    }

    /// The head that scores these features, from this channel ([`Model::head_kind`]).
    pub fn head(&self, features: &Features, channel: Channel) -> &Head {
        match (self.head_kind(features, channel), &self.email) {
            (HeadKind::Dialogue, _) => &self.dialogue,
            (HeadKind::Email, Some(email)) => email,
            _ => &self.single,
        }
    }

    /// The probability that a conversation is malicious.
    pub fn probability(&self, features: &Features, channel: Channel) -> f64 {
        self.head(features, channel).probability(features)
    }

    /// The probability that one message, as [`message_features`] describes it, asks for
    /// sensitive information.
    ///
    /// [`message_features`]: super::message::message_features
    pub fn asks_probability(&self, message: &Features) -> f64 {
        self.asks.probability(message)
    }

    /// The probability that the report these features describe, given its combined score,
    /// is an attack: the calibration of the head that scores it (`None` if not fitted).
    pub fn attack_probability(
        &self,
        features: &Features,
        channel: Channel,
        score: f64,
    ) -> Option<f64> {
        self.head(features, channel).calibration.probability(score)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(27 + 4 * HEAD_BYTES);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.extend_from_slice(&HASH_BITS.to_le_bytes());
        out.extend_from_slice(&(DENSE as u32).to_le_bytes());
        out.extend_from_slice(&self.threshold.to_le_bytes());
        out.extend_from_slice(&self.asks_threshold.to_le_bytes());
        self.asks.write(&mut out);
        self.single.write(&mut out);
        self.dialogue.write(&mut out);
        out.push(u8::from(self.email.is_some()));
        if let Some(email) = &self.email {
            email.write(&mut out);
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
        let (bits, rest) = take4(rest)?;
        let (dense, rest) = take4(rest)?;
        let (bits, dense) = (u32::from_le_bytes(bits), u32::from_le_bytes(dense));
        if bits != HASH_BITS || dense as usize != DENSE {
            return Err(ModelError::Shape { bits, dense });
        }
        let (threshold, rest) = take_f32(rest)?;
        let (asks_threshold, rest) = take_f32(rest)?;
        let (asks, rest) = Head::read(rest)?;
        let (single, rest) = Head::read(rest)?;
        let (dialogue, rest) = Head::read(rest)?;
        let (email, rest) = match rest.split_first() {
            Some((0, rest)) => (None, rest),
            Some((1, rest)) => {
                let (email, rest) = Head::read(rest)?;
                (Some(email), rest)
            }
            _ => return Err(ModelError::Truncated),
        };
        if !rest.is_empty() {
            return Err(ModelError::Truncated);
        }
        Ok(Model {
            single,
            dialogue,
            threshold,
            asks,
            asks_threshold,
            email,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(bias: f32) -> Head {
        Head {
            weights: vec![0.0; DIMENSIONS],
            idf: vec![1.0; HASH_SLOTS],
            bias,
            calibration: Calibration::default(),
        }
    }

    #[test]
    fn a_model_survives_its_file_format() {
        let mut single = head(-0.5);
        single.weights[3] = 1.5;
        single.weights[DIMENSIONS - 1] = -0.75;
        single.idf = vec![2.5; HASH_SLOTS];
        single.calibration = Calibration {
            knots: vec![(0.1, 0.02), (0.5, 0.4), (0.9, 0.97)],
        };
        let mut dialogue = head(0.25);
        dialogue.calibration = Calibration {
            knots: vec![(0.4, 0.3)],
        };
        let model = Model {
            single,
            dialogue,
            threshold: 0.6,
            asks: head(-1.25),
            asks_threshold: 0.4,
            email: Some(head(2.0)),
        };
        let back = Model::from_bytes(&model.to_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back.single.bias, -0.5);
        assert_eq!(back.dialogue.bias, 0.25);
        assert_eq!(back.threshold, 0.6);
        assert_eq!(back.asks.bias, -1.25);
        assert_eq!(back.asks_threshold, 0.4);
        assert!((back.single.weights[3] - 1.5).abs() < 1e-3);
        assert!((back.single.weights[DIMENSIONS - 1] + 0.75).abs() < 1e-3);
        assert_eq!(back.single.idf[7], 2.5);
        assert_eq!(back.dialogue.idf[7], 1.0);
        assert_eq!(back.single.calibration, model.single.calibration);
        assert_eq!(back.dialogue.calibration, model.dialogue.calibration);
        assert_eq!(back.email.as_ref().map(|h| h.bias), Some(2.0));
        let without = Model {
            email: None,
            ..model
        };
        // Without one, the flag byte says so; the file reads back to the same bytes (weights
        // are quantised, so the model itself is not equal to what was written).
        let bytes = without.to_bytes();
        let read = Model::from_bytes(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert!(read.email.is_none());
        assert_eq!(read.to_bytes(), bytes);
    }

    #[test]
    fn dialogues_and_single_texts_are_scored_by_their_own_heads() {
        let model = Model {
            single: head(-3.0),
            dialogue: head(3.0),
            threshold: 0.5,
            asks: head(0.0),
            asks_threshold: 0.5,
            email: None,
        };
        let flag = (HASH_SLOTS + DENSE - 1) as u32;
        let text = Features(vec![(5, 1.0)]);
        let dialogue = Features(vec![(5, 1.0), (flag, 1.0)]);
        assert!(model.probability(&text, Channel::Message) < 0.1);
        assert!(model.probability(&dialogue, Channel::Message) > 0.9);
    }

    #[test]
    fn damaged_files_are_refused_with_a_reason() {
        assert_eq!(Model::from_bytes(b""), Err(ModelError::Truncated));
        assert_eq!(Model::from_bytes(b"NOTAMODEL"), Err(ModelError::Magic));
        assert_eq!(
            Model::from_bytes(b"LWCLF\x0a"),
            Err(ModelError::Version(10))
        );
        // Format 8 had no e-mail head.
        assert_eq!(Model::from_bytes(b"LWCLF\x08"), Err(ModelError::Version(8)));
        assert_eq!(Model::from_bytes(b"LWCLF\x03"), Err(ModelError::Version(3)));
        assert_eq!(Model::from_bytes(b"LWCLF\x04"), Err(ModelError::Version(4)));
        // Format 5 kept one calibration after both heads; 6 had no message head.
        assert_eq!(Model::from_bytes(b"LWCLF\x05"), Err(ModelError::Version(5)));
        assert_eq!(Model::from_bytes(b"LWCLF\x06"), Err(ModelError::Version(6)));
        let mut model = Model {
            single: head(0.0),
            dialogue: head(0.0),
            threshold: 0.5,
            asks: head(0.0),
            asks_threshold: 0.5,
            email: None,
        };
        model.dialogue.calibration = Calibration {
            knots: vec![(0.2, 0.9), (0.8, 0.1)],
        };
        assert_eq!(
            Model::from_bytes(&model.to_bytes()),
            Err(ModelError::Calibration)
        );
        for knots in [
            vec![(f32::NAN, 0.5)],
            vec![(0.5, 1.5)],
            vec![(0.5, f32::NAN)],
        ] {
            model.single.calibration = Calibration { knots };
            assert_eq!(
                Model::from_bytes(&model.to_bytes()),
                Err(ModelError::Calibration)
            );
        }
        model.single.calibration = Calibration::default();
        model.dialogue.calibration = Calibration::default();
        let mut bytes = model.to_bytes();
        let mut endless = bytes.clone();
        endless.truncate(endless.len() - 4);
        endless.extend_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(Model::from_bytes(&endless), Err(ModelError::Truncated));
        bytes.truncate(bytes.len() - 1);
        assert_eq!(Model::from_bytes(&bytes), Err(ModelError::Truncated));
        bytes.truncate(30);
        assert_eq!(Model::from_bytes(&bytes), Err(ModelError::Truncated));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// A damaged file (cut anywhere, or a byte changed anywhere past the header) is
        /// refused or read, never a panic; whatever is read has calibrations that are monotone
        /// maps onto probabilities.
        #[test]
        fn damaged_files_never_panic(cut in 0usize..4096, at in 0usize..4096, byte in 0u8..=255) {
            let mut model = Model {
                single: head(0.5),
                dialogue: head(-0.5),
                threshold: 0.7,
                asks: head(0.0),
                asks_threshold: 0.5,
                email: None,
            };
            model.single.calibration = Calibration {
                knots: vec![(0.1, 0.05), (0.4, 0.5), (0.8, 0.95)],
            };
            model.dialogue.calibration = Calibration {
                knots: vec![(0.2, 0.1), (0.7, 0.9)],
            };
            let bytes = model.to_bytes();
            // Offsets counted from the end: the calibrations and the dialogue head's tail.
            let mut changed = bytes.clone();
            let i = changed.len() - 1 - at.min(changed.len() - 19);
            changed[i] = byte;
            let cut_short = &bytes[..bytes.len() - 1 - cut.min(bytes.len() - 1)];
            for candidate in [&changed[..], cut_short] {
                if let Ok(read) = Model::from_bytes(candidate) {
                    for head in [&read.single, &read.dialogue] {
                        for score in [0.0, 0.3, 0.6, 1.0] {
                            if let Some(p) = head.calibration.probability(score) {
                                proptest::prop_assert!((0.0..=1.0).contains(&p));
                            }
                        }
                    }
                }
            }
        }
    }
}
