//! How worried a reporter should be. The ids are public (`verdict` in the JSON output).

use std::str::FromStr;

/// One of `none`, `low`, `medium`, `high`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    None,
    Low,
    Medium,
    High,
}

impl Verdict {
    pub fn id(self) -> &'static str {
        match self {
            Verdict::None => "none",
            Verdict::Low => "low",
            Verdict::Medium => "medium",
            Verdict::High => "high",
        }
    }

    /// The verdict a score in [0, 1] falls into.
    pub fn from_score(score: f64) -> Verdict {
        [Verdict::High, Verdict::Medium, Verdict::Low]
            .into_iter()
            .find(|v| score >= v.lowest_score())
            .unwrap_or(Verdict::None)
    }

    /// The lowest score that is this verdict: what a floor of this verdict lifts a score to.
    pub fn lowest_score(self) -> f64 {
        match self {
            Verdict::None => 0.0,
            Verdict::Low => 0.2,
            Verdict::Medium => 0.4,
            Verdict::High => 0.7,
        }
    }
}

impl FromStr for Verdict {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [Verdict::None, Verdict::Low, Verdict::Medium, Verdict::High]
            .into_iter()
            .find(|v| v.id() == s)
            .ok_or_else(|| format!("unknown verdict '{s}'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_verdict_starts_at_its_lowest_score() {
        for v in [Verdict::None, Verdict::Low, Verdict::Medium, Verdict::High] {
            assert_eq!(Verdict::from_score(v.lowest_score()), v);
        }
        assert_eq!(Verdict::from_score(0.399), Verdict::Low);
        assert_eq!(Verdict::from_score(0.99), Verdict::High);
    }
}
