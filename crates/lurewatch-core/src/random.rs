//! The project's two small pseudo-random generators, in one place. Nothing here is for
//! secrets: they make data sets, shuffles and resamples reproducible, so a seed names the same
//! sequence in every build, on every machine, in every version (a training run or a synthetic
//! set rebuilt byte for byte depends on it), which a crate's generator does not promise.

/// Vigna's SplitMix64: good enough statistically for drawing data and bootstrap resamples.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// Marsaglia's xorshift64 (13, 7, 17): the cheapest step, for shuffles and stand-in digits.
#[derive(Debug, Clone)]
pub struct XorShift64(u64);

impl XorShift64 {
    /// The state may not be zero (it would stay zero), so the lowest bit is set.
    pub fn new(seed: u64) -> XorShift64 {
        XorShift64(seed | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::{SplitMix64, XorShift64};

    /// The sequences are part of what a seed means: a change here would silently rebuild every
    /// model and synthetic set differently.
    #[test]
    fn the_sequences_stay_what_they_were() {
        let mut split = SplitMix64::new(0);
        assert_eq!(split.next_u64(), 0xE220_A839_7B1D_CDAF);
        let mut xor = XorShift64::new(0);
        assert_eq!(xor.next_u64(), 1_082_269_761);
        assert_eq!(SplitMix64::new(7).below(0), 0);
    }
}
