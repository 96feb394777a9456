//! Indicators: identifiers a sender leaves behind. Extraction lives in lurewatch-detect; the
//! types are here because the store keeps them and linking joins reports by them.

use std::str::FromStr;

/// What an indicator is. The ids are the `kind` field of the JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndicatorKind {
    Phone,
    Url,
    Domain,
    Email,
    Handle,
    Persona,
    MediaSha256,
    Iban,
    CryptoWallet,
}

impl IndicatorKind {
    pub const ALL: [IndicatorKind; 9] = [
        IndicatorKind::Phone,
        IndicatorKind::Url,
        IndicatorKind::Domain,
        IndicatorKind::Email,
        IndicatorKind::Handle,
        IndicatorKind::Persona,
        IndicatorKind::MediaSha256,
        IndicatorKind::Iban,
        IndicatorKind::CryptoWallet,
    ];

    pub fn id(self) -> &'static str {
        match self {
            IndicatorKind::Phone => "phone",
            IndicatorKind::Url => "url",
            IndicatorKind::Domain => "domain",
            IndicatorKind::Email => "email",
            IndicatorKind::Handle => "handle",
            IndicatorKind::Persona => "persona",
            IndicatorKind::MediaSha256 => "media-sha256",
            IndicatorKind::Iban => "iban",
            IndicatorKind::CryptoWallet => "crypto-wallet",
        }
    }
}

impl FromStr for IndicatorKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        IndicatorKind::ALL
            .into_iter()
            .find(|k| k.id() == s)
            .ok_or_else(|| format!("unknown indicator kind '{s}'"))
    }
}

/// One indicator and the first message it appeared in (`None`: the sender's identity itself).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Indicator {
    pub kind: IndicatorKind,
    pub value: String,
    pub message: Option<usize>,
}
