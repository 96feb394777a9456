//! Which model file scored a report: the SHA-256 of its bytes, as `sha256sum` prints it. A
//! team that retrains keeps reports scored by different models side by side; an analyst (or
//! a court) needs to know which model said what, and to check it against the file.

use sha2::{Digest, Sha256};

/// The SHA-256 of a model file's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelDigest(pub [u8; 32]);

impl ModelDigest {
    pub fn of(bytes: &[u8]) -> ModelDigest {
        ModelDigest(Sha256::digest(bytes).into())
    }
}

/// `sha256:` and the digest in lower-case hex.
impl std::fmt::Display for ModelDigest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("sha256:")?;
        self.0.iter().try_for_each(|byte| write!(f, "{byte:02x}"))
    }
}

#[cfg(test)]
mod tests {
    use super::ModelDigest;

    #[test]
    fn prints_as_sha256sum_does() {
        // `printf abc | sha256sum`
        assert_eq!(
            ModelDigest::of(b"abc").to_string(),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
