//! A report reduced to what linking compares.

pub use lurewatch_core::Signature;
use lurewatch_core::{
    Conversation, FREE_MAIL_DOMAINS, Indicator, IndicatorKind, MessageKind, Verdict,
};

use crate::minhash::MinHash;
use crate::text::linking_text;

/// Kinds that identify an actor by themselves.
const IDENTIFYING: [IndicatorKind; 7] = [
    IndicatorKind::Phone,
    IndicatorKind::Email,
    IndicatorKind::Handle,
    IndicatorKind::Url,
    IndicatorKind::MediaSha256,
    IndicatorKind::Iban,
    IndicatorKind::CryptoWallet,
];

/// Domains so common in ordinary messages that sharing one means nothing (with the free
/// e-mail providers', `lurewatch_core::FREE_MAIL_DOMAINS`: a sender's address domain there says
/// nothing about the sender).
const PLATFORM_DOMAINS: &[&str] = &[
    // Link shorteners: the full short link is an identifier, the shortener's domain is not.
    "bit.ly",
    "tinyurl.com",
    "rb.gy",
    "rebrand.ly",
    "is.gd",
    "s.id",
    "t.ly",
    "t.co",
    "lnkd.in",
    "cutt.ly",
    "ow.ly",
    "shorturl.at",
    "tiny.cc",
    "t.me",
    "wa.me",
    "aka.ms",
    "google.com",
    "youtube.com",
    "youtu.be",
    "facebook.com",
    "instagram.com",
    "twitter.com",
    "x.com",
    "linkedin.com",
    "whatsapp.com",
    "telegram.org",
    "apple.com",
    "microsoft.com",
    "amazon.com",
    "amazon.co.uk",
    "gov.uk",
    "bbc.co.uk",
    "goo.gl",
    "forms.gle",
    "docs.google.com",
    "drive.google.com",
    "zoom.us",
    "teams.microsoft.com",
    "login.microsoftonline.com",
    // Shared hosting whose tenants are told apart by the path (a bucket, a file), not the
    // host: importing Phishing Pot joined unrelated kits through storage.googleapis.com
    // (99 "same domain" links). The full link still links.
    "storage.googleapis.com",
    "firebasestorage.googleapis.com",
    "s3.amazonaws.com",
    "sites.google.com",
    "script.google.com",
    "onedrive.live.com",
    "1drv.ms",
    "dropbox.com",
    "dl.dropboxusercontent.com",
    "github.com",
    "raw.githubusercontent.com",
    "gitlab.com",
    "ipfs.io",
    "cloudflare-ipfs.com",
    "forms.office.com",
    "wetransfer.com",
    "we.tl",
    "mega.nz",
    "linktr.ee",
];

/// A platform's own pages that attackers send every target to, so that a link to one
/// identifies no actor: the device-code sign-in pages (`credential-lure.device-link`), where
/// the target signs the attacker's device in on the genuine site. Two unrelated device-code
/// phishing reports would otherwise link as "the same link".
const SERVICE_PAGES: &[&str] = &[
    "microsoft.com/devicelogin",
    "aka.ms/devicelogin",
    "login.microsoftonline.com/common/oauth2/deviceauth",
    "google.com/device",
    "github.com/login/device",
];

/// Whether `url` is one of [`SERVICE_PAGES`], whatever its scheme, `www.`, case, query or
/// trailing slash.
fn is_service_page(url: &str) -> bool {
    let rest = without_scheme(url)
        .split(['?', '#'])
        .next()
        .unwrap_or_default();
    let rest = rest.trim_end_matches('/').to_lowercase();
    let rest = rest.strip_prefix("www.").unwrap_or(&rest);
    SERVICE_PAGES.contains(&rest)
}

fn without_scheme(url: &str) -> &str {
    url.split_once("://").map_or(url, |(_, rest)| rest)
}

fn has_path(url: &str) -> bool {
    without_scheme(url)
        .split_once('/')
        .is_some_and(|(_, path)| !path.trim_matches('/').is_empty())
}

/// Builds the signature of a report from its conversation, indicators and verdict.
/// Shortest script, in characters, that wording alone may link (chosen on seed 1 of the
/// synthetic set); shorter ones get no LSH band keys.
pub const MIN_WORDING_CHARS: usize = 160;

pub fn signature(
    conversation: &Conversation,
    indicators: &[Indicator],
    verdict: Verdict,
) -> Signature {
    let mut identifiers = Vec::new();
    let mut domains = Vec::new();
    let mut personas = Vec::new();
    for indicator in indicators {
        match indicator.kind {
            IndicatorKind::Domain => {
                let domain = indicator.value.to_lowercase();
                if !PLATFORM_DOMAINS.contains(&domain.as_str())
                    && !FREE_MAIL_DOMAINS.contains(&domain.as_str())
                    && !domains.contains(&domain)
                {
                    domains.push(domain);
                }
            }
            IndicatorKind::Persona => {
                let name = indicator.value.to_lowercase();
                if !personas.contains(&name) {
                    personas.push(name);
                }
            }
            // A bare link to a home page ("Amazon.com") is a brand being named, not the
            // actor's infrastructure; its domain still counts while rare.
            IndicatorKind::Url
                if !has_path(&indicator.value) || is_service_page(&indicator.value) => {}
            kind if IDENTIFYING.contains(&kind) => {
                let pair = (kind, indicator.value.clone());
                if !identifiers.contains(&pair) {
                    identifiers.push(pair);
                }
            }
            _ => {}
        }
    }
    let names: Vec<String> = indicators
        .iter()
        .filter(|i| i.kind == IndicatorKind::Persona)
        .map(|i| i.value.clone())
        .collect();
    let text = linking_text(conversation, &names);
    let minhash = MinHash::of(&text);
    let stranger = conversation.messages.iter().any(|m| {
        m.kind == MessageKind::Normal
            && conversation.is_external(m)
            && conversation.is_from_stranger(m)
    });
    let text_chars = text.chars().count();
    // Band keys only find candidates for wording links, which need a long script on both
    // sides: a short text's keys would only fill the index (and every lookup) with buckets
    // of one-liners.
    let band_keys = match &minhash {
        Some(m) if text_chars >= MIN_WORDING_CHARS => m.band_keys(),
        _ => Vec::new(),
    };
    Signature {
        identifiers,
        domains,
        personas,
        band_keys,
        minhash: minhash.map(|m| m.0),
        text_chars,
        linkable: stranger || verdict >= Verdict::Medium,
        suspicious: verdict >= Verdict::Low,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lurewatch_core::Format;

    fn indicator(kind: IndicatorKind, value: &str) -> Indicator {
        Indicator {
            kind,
            value: value.to_owned(),
            message: Some(0),
        }
    }

    #[test]
    fn shared_hosts_link_by_the_whole_link_and_never_by_their_domain() {
        let conversation = Conversation::new(Format::Eml);
        let found = signature(
            &conversation,
            &[
                indicator(
                    IndicatorKind::Url,
                    "https://storage.googleapis.com/diaz/popo.html",
                ),
                indicator(IndicatorKind::Domain, "storage.googleapis.com"),
                indicator(IndicatorKind::Domain, "gmail.com"),
                indicator(IndicatorKind::Domain, "payout-verify.example"),
                indicator(IndicatorKind::Url, "https://amazon.com"),
            ],
            Verdict::High,
        );
        assert_eq!(found.domains, vec!["payout-verify.example".to_owned()]);
        assert_eq!(
            found.identifiers,
            vec![(
                IndicatorKind::Url,
                "https://storage.googleapis.com/diaz/popo.html".to_owned()
            )]
        );
    }

    #[test]
    fn a_device_code_page_is_the_platforms_and_links_nobody() {
        let conversation = Conversation::new(Format::Eml);
        let found = signature(
            &conversation,
            &[
                indicator(IndicatorKind::Url, "https://microsoft.com/devicelogin"),
                indicator(IndicatorKind::Url, "HTTPS://www.Microsoft.com/DeviceLogin/"),
                indicator(IndicatorKind::Url, "https://aka.ms/devicelogin?code=X"),
                indicator(IndicatorKind::Domain, "microsoft.com"),
                indicator(IndicatorKind::Domain, "aka.ms"),
                indicator(
                    IndicatorKind::Url,
                    "https://microsoft-teams-join.example/devicelogin",
                ),
                indicator(IndicatorKind::Domain, "microsoft-teams-join.example"),
            ],
            Verdict::High,
        );
        assert_eq!(
            found.domains,
            vec!["microsoft-teams-join.example".to_owned()]
        );
        assert_eq!(
            found.identifiers,
            vec![(
                IndicatorKind::Url,
                "https://microsoft-teams-join.example/devicelogin".to_owned()
            )]
        );
    }
}
