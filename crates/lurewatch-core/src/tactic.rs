//! The social-engineering tactics lurewatch names. Their ids are a public interface: users'
//! scripts match on them, so an id is never renamed or reused.

use std::fmt;
use std::str::FromStr;

/// One tactic from DESIGN.md's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tactic {
    UnknownSender,
    FalseFamiliarity,
    PersonalResearch,
    Romance,
    SexualLure,
    Pressure,
    Elicitation,
    ChannelSwitch,
    Secrecy,
    Threat,
    Payment,
    CredentialLure,
    Impersonation,
    /// Added after the first thirteen, at the end so that the order of the others (in which
    /// reports list tactics) is unchanged.
    WrongNumber,
    /// Added after `wrong-number`, at the end for the same reason.
    OfferLure,
}

impl Tactic {
    pub const ALL: [Tactic; 15] = [
        Tactic::UnknownSender,
        Tactic::FalseFamiliarity,
        Tactic::PersonalResearch,
        Tactic::Romance,
        Tactic::SexualLure,
        Tactic::Pressure,
        Tactic::Elicitation,
        Tactic::ChannelSwitch,
        Tactic::Secrecy,
        Tactic::Threat,
        Tactic::Payment,
        Tactic::CredentialLure,
        Tactic::Impersonation,
        Tactic::WrongNumber,
        Tactic::OfferLure,
    ];

    /// The stable public id, as in DESIGN.md.
    pub fn id(self) -> &'static str {
        match self {
            Tactic::UnknownSender => "unknown-sender",
            Tactic::FalseFamiliarity => "false-familiarity",
            Tactic::PersonalResearch => "personal-research",
            Tactic::Romance => "romance",
            Tactic::SexualLure => "sexual-lure",
            Tactic::Pressure => "pressure",
            Tactic::Elicitation => "elicitation",
            Tactic::ChannelSwitch => "channel-switch",
            Tactic::Secrecy => "secrecy",
            Tactic::Threat => "threat",
            Tactic::Payment => "payment",
            Tactic::CredentialLure => "credential-lure",
            Tactic::Impersonation => "impersonation",
            Tactic::WrongNumber => "wrong-number",
            Tactic::OfferLure => "offer-lure",
        }
    }

    /// A short phrase for people, used in the terminal and in advice.
    pub fn label(self) -> &'static str {
        match self {
            Tactic::UnknownSender => "first contact from an unknown sender",
            Tactic::FalseFamiliarity => "claims to know you already",
            Tactic::PersonalResearch => "uses details of your job or life",
            Tactic::Romance => "flattery or romantic interest",
            Tactic::SexualLure => "sexual lure or explicit media",
            Tactic::Pressure => "pressure, guilt or urgency",
            Tactic::Elicitation => "asks for contacts or information",
            Tactic::ChannelSwitch => "moves you to another number or app",
            Tactic::Secrecy => "asks you to keep it secret",
            Tactic::Threat => "threat or blackmail",
            Tactic::Payment => "asks for money",
            Tactic::CredentialLure => "asks for a code, password or login",
            Tactic::Impersonation => "pretends to be someone you know or a service you use",
            Tactic::WrongNumber => "writes as if to someone else",
            Tactic::OfferLure => "an offer too good to be true",
        }
    }
}

impl fmt::Display for Tactic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Tactic {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Tactic::ALL
            .into_iter()
            .find(|t| t.id() == s)
            .ok_or_else(|| format!("unknown tactic id '{s}'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for t in Tactic::ALL {
            assert!(seen.insert(t.id()));
            assert_eq!(t.id().parse::<Tactic>(), Ok(t));
        }
        assert!("nope".parse::<Tactic>().is_err());
    }
}
