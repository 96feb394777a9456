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
        if score >= 0.7 {
            Verdict::High
        } else if score >= 0.4 {
            Verdict::Medium
        } else if score >= 0.2 {
            Verdict::Low
        } else {
            Verdict::None
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
