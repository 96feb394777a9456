//! Links dressed up as a brand: `royalmail-redeliver.com`, `hsbc.voicepassport.co.uk`,
//! `tax-disc.gov.uk.dvla.dis2.pw`. A smishing text names the brand in its words and again in
//! its link's host, where the reader looks for reassurance; the host is not on any domain the
//! brand uses. Telling the reporter "this link is not Royal Mail's" is the explanation they
//! can check for themselves, and it holds whatever the message says.
//!
//! The brands and their own domains are data, in the rule file that uses them (the
//! `link-dressed-as-brand` signal's `brands` table), so a security team adds its own
//! organisation (`parliament = ["parliament.uk"]`) as it adds a rule.

use std::ops::Range;

use linkify::{LinkFinder, LinkKind};
use lurewatch_core::SenderIdentity;

use crate::indicators::{host_of, is_link, on_domain, refang};

/// One brand: the word its name takes in a host, and the domains it really uses.
#[derive(Debug, Clone)]
pub struct Brand {
    /// Lower case, letters and digits only: a whole label of a host, or a hyphen-separated
    /// part of one ("royalmail" in `royalmail-redeliver.com`, not "chase" in `purchase.com`).
    pub word: String,
    /// Registrable domains: a host on one of them, or under one, is the brand's own.
    pub domains: Vec<String>,
}

/// The brands of one rule, sorted by word, so that a message naming none of them is passed
/// over with one look at each of its dots and hyphens, and no link parsing.
#[derive(Debug, Clone)]
pub struct Brands {
    brands: Vec<Brand>,
    /// Per first character of a word (a–z, then 0–9), a bit for each length a brand's word
    /// starting with it has: most words before a full stop ("today.") are ruled out without
    /// a comparison.
    shapes: [u64; 36],
}

impl Brands {
    /// Checks the table as a rule author wrote it; the error says what is wrong with which
    /// entry.
    pub(crate) fn new(
        table: &std::collections::BTreeMap<String, Vec<String>>,
    ) -> Result<Self, String> {
        let mut brands = Vec::with_capacity(table.len());
        for (word, domains) in table {
            if word.len() < 3
                || word.len() > MAX_WORD
                || !word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            {
                return Err(format!(
                    "brand {word:?}: a brand's word is 3 to {MAX_WORD} lower-case letters or digits, as in a host"
                ));
            }
            if domains.is_empty() {
                return Err(format!("brand {word:?} lists none of its own domains"));
            }
            if let Some(bad) = domains
                .iter()
                .find(|d| host_of(d).as_deref() != Some(d.as_str()))
            {
                return Err(format!(
                    "brand {word:?}: {bad:?} is not a domain in lower case (such as \"royalmail.com\")"
                ));
            }
            brands.push(Brand {
                word: word.clone(),
                domains: domains.clone(),
            });
        }
        // The table is a BTreeMap: `brands` is in word order, for `names_a_brand`.
        let mut shapes = [0u64; 36];
        for brand in &brands {
            let slot = brand.word.bytes().next().and_then(shape_slot);
            if let Some(shape) = slot.and_then(|i| shapes.get_mut(i)) {
                *shape |= 1 << brand.word.len();
            }
        }
        Ok(Brands { brands, shapes })
    }

    /// The first link in `text` whose host carries a brand's word but is on none of that
    /// brand's domains: its byte range in `text`. A defanged link (`hxxps://evil[.]com`, as
    /// an analyst writes it) is read refanged, as the indicators are.
    pub(crate) fn dressed_link(&self, text: &str) -> Option<Range<usize>> {
        if !self.names_a_brand(text) {
            return None;
        }
        let readable = refang(text);
        if !readable.contains('.') {
            return None;
        }
        link_finder().links(&readable).find_map(|link| {
            let found = link.as_str().trim_end_matches(['.', ',', ')', '!', '?']);
            let host = host_of(found)?;
            if !is_link(found, &host) || !self.dressed(&host) {
                return None;
            }
            Some(match readable {
                std::borrow::Cow::Borrowed(_) => link.start()..link.start() + found.len(),
                std::borrow::Cow::Owned(_) => as_written(text, &host),
            })
        })
    }

    /// Whether an e-mail sender names a brand in the name they show and writes from a domain
    /// that carries the brand's word but is none of its own (`PayPal Service
    /// <service@paypal-account-alert.com>`). The name is the claim: a mail server's own name
    /// (`hermes.sun.com`, Sun's) claims nothing.
    pub(crate) fn dressed_sender(&self, shown_as: &str, identity: &SenderIdentity) -> bool {
        let Some(host) = sender_host(identity) else {
            return false;
        };
        // The name as a host would spell it: "Royal Mail" claims `royalmail`.
        let name: String = shown_as
            .split('<')
            .next()
            .unwrap_or_default()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        self.dressed_as(&host)
            .any(|brand| name.contains(&brand.word))
    }

    /// Whether an e-mail is a brand's own notice: sent from one of the brand's domains, with
    /// at least one link and every link on that brand's domains (SharePoint's share notice,
    /// from `sharepointonline.com`, linking to `parliament.sharepoint.com`). A copy can borrow
    /// the words, but not both ends: its links lead off the brand's domains, or it is sent
    /// from another domain, since a brand's own domain refuses mail it did not send (DMARC).
    pub(crate) fn own_notice(&self, identity: &SenderIdentity, text: &str) -> bool {
        let Some(sender) = sender_host(identity) else {
            return false;
        };
        let readable = refang(text);
        let hosts: Vec<String> = link_finder()
            .links(&readable)
            .filter_map(|link| {
                let found = link.as_str().trim_end_matches(['.', ',', ')', '!', '?']);
                host_of(found).filter(|host| is_link(found, host))
            })
            .collect();
        !hosts.is_empty()
            && self.brands.iter().any(|brand| {
                let own = |host: &str| brand.domains.iter().any(|d| on_domain(host, d));
                own(&sender) && hosts.iter().all(|host| own(host))
            })
    }

    /// The domains of each brand that `host` is on (an organisation lists its own domains here
    /// as a brand: `parliament = ["parliament.uk"]`).
    pub(crate) fn domains_owning<'b>(
        &'b self,
        host: &'b str,
    ) -> impl Iterator<Item = &'b [String]> {
        self.brands
            .iter()
            .filter(move |brand| brand.domains.iter().any(|d| on_domain(host, d)))
            .map(|brand| brand.domains.as_slice())
    }

    /// Whether a brand's word stands right before a dot, a hyphen or "[" (defanged) in
    /// `text`, as it does in a host, which ends in its top-level domain. A screen for the
    /// words anywhere ran the link finder on every text with "first" in it ("irs"), and an
    /// Aho-Corasick automaton over the words cost some 3,000 instructions a text; texts have
    /// few dots and hyphens, found with a vectorised search.
    fn names_a_brand(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let mut lower = [0u8; MAX_WORD];
        memchr::memchr3_iter(b'.', b'-', b'[', bytes).any(|at| {
            let before = bytes.get(..at).unwrap_or_default();
            let start = before
                .iter()
                .rposition(|c| !c.is_ascii_alphanumeric())
                .map_or(0, |i| i + 1);
            let word = before.get(start..).unwrap_or_default();
            let first = word.first().map(u8::to_ascii_lowercase).unwrap_or_default();
            let shape = shape_slot(first)
                .and_then(|i| self.shapes.get(i))
                .copied()
                .unwrap_or_default();
            if word.len() >= 64 || shape & (1 << word.len()) == 0 {
                return false;
            }
            let Some(lower) = lower.get_mut(..word.len()) else {
                return false;
            };
            lower.copy_from_slice(word);
            lower.make_ascii_lowercase();
            self.brands
                .binary_search_by(|brand| brand.word.as_bytes().cmp(lower))
                .is_ok()
        })
    }

    /// Whether `host` carries a brand's word and is not on one of its domains.
    fn dressed(&self, host: &str) -> bool {
        self.dressed_as(host).next().is_some()
    }

    /// The brands `host` carries the word of without being on one of their domains.
    fn dressed_as<'b>(&'b self, host: &'b str) -> impl Iterator<Item = &'b Brand> {
        let parts = host.split(['.', '-']);
        self.brands
            .iter()
            .filter(move |brand| parts.clone().any(|part| part == brand.word))
            .filter(move |brand| !brand.domains.iter().any(|d| on_domain(host, d)))
    }
}

/// The domain of an e-mail sender's address.
fn sender_host(identity: &SenderIdentity) -> Option<String> {
    let SenderIdentity::Email(address) = identity else {
        return None;
    };
    address
        .rsplit_once('@')
        .and_then(|(_, domain)| host_of(domain))
}

/// Finds links with or without a scheme, as the indicators do.
fn link_finder() -> LinkFinder {
    let mut finder = LinkFinder::new();
    finder.url_must_have_scheme(false).kinds(&[LinkKind::Url]);
    finder
}

/// Where a link refanged to `host` stands in the text as written: the word holding the host's
/// first label (defanging changes the dots, not the labels).
fn as_written(text: &str, host: &str) -> Range<usize> {
    let label = host.split('.').next().unwrap_or(host);
    let lower = text.to_ascii_lowercase();
    let Some(at) = lower.find(label) else {
        return 0..0;
    };
    // Past the whitespace character before the word, whatever its width (a no-break space).
    let start = lower[..at]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = lower[at..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| at + i);
    start..end
}

/// The slot of [`Brands::shapes`] for a word's first character (lower case).
fn shape_slot(first: u8) -> Option<usize> {
    match first {
        b'a'..=b'z' => Some(usize::from(first - b'a')),
        b'0'..=b'9' => Some(26 + usize::from(first - b'0')),
        _ => None,
    }
}

/// The longest brand word the screen looks up; longer runs of letters are not looked up.
const MAX_WORD: usize = 32;

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::Brands;

    fn brands() -> Brands {
        let mut table = BTreeMap::new();
        table.insert("royalmail".to_owned(), vec!["royalmail.com".to_owned()]);
        table.insert("dvla".to_owned(), vec!["gov.uk".to_owned()]);
        table.insert("chase".to_owned(), vec!["chase.com".to_owned()]);
        Brands::new(&table).unwrap()
    }

    fn dressed(text: &str) -> Option<&str> {
        brands().dressed_link(text).map(|r| &text[r])
    }

    #[test]
    fn a_host_that_names_a_brand_off_its_domains_is_dressed() {
        assert_eq!(
            dressed("Pay here: royalmail-redeliver.com/fee now."),
            Some("royalmail-redeliver.com/fee")
        );
        assert_eq!(
            dressed("Click http://tax-disc.gov.uk.dvla.dis2.pw/x"),
            Some("http://tax-disc.gov.uk.dvla.dis2.pw/x")
        );
        assert_eq!(
            dressed("ROYALMAIL.parcel-help.net"),
            Some("ROYALMAIL.parcel-help.net")
        );
        // Defanged, as an analyst pastes it: quoted as written.
        assert_eq!(
            dressed("or it will be returned: hxxps://royalmail-redelivery[.]info/track today"),
            Some("hxxps://royalmail-redelivery[.]info/track")
        );
        assert_eq!(
            dressed("returned:\u{a0}hxxps://royalmail-redelivery[.]info/track"),
            Some("hxxps://royalmail-redelivery[.]info/track")
        );
    }

    #[test]
    fn the_brands_own_domains_and_other_words_are_not() {
        assert_eq!(dressed("Track at www.royalmail.com/track"), None);
        assert_eq!(dressed("Track at https://send.royalmail.com/x"), None);
        assert_eq!(dressed("Renew at www.dvla.gov.uk"), None);
        // "chase" inside a word is not the brand's name.
        assert_eq!(dressed("Order at purchase.com or chaser.net"), None);
        assert_eq!(dressed("No link mentioning Royal Mail here"), None);
        // A look-alike of the domain, not a subdomain of it.
        assert_eq!(dressed("fakeroyalmail.com"), None);
        assert_eq!(
            dressed("royalmail.com.evil.io"),
            Some("royalmail.com.evil.io")
        );
    }

    #[test]
    fn an_email_sender_on_a_domain_dressed_as_a_brand_is_dressed() {
        use lurewatch_core::SenderIdentity::Email;
        let sender = |name: &str, address: &str| {
            brands().dressed_sender(&format!("{name} <{address}>"), &Email(address.to_owned()))
        };
        assert!(sender("Royal Mail", "service@royalmail-delivery-help.com"));
        assert!(sender("DVLA Refunds", "noreply@dvla.tax-refund.io"));
        assert!(!sender("Royal Mail", "no-reply@royalmail.com"));
        assert!(!sender("Royal Mail", "alerts@email.royalmail.com"));
        assert!(!sender("Chase", "news@purchase.com"));
        // A server named like a brand, under a sender who does not claim it.
        assert!(!sender("JDC Tech Tips", "tips@dvla.example.com"));
        assert!(!brands().dressed_sender("x", &lurewatch_core::SenderIdentity::Unknown));
    }

    #[test]
    fn a_notice_from_and_linking_to_a_brands_own_domains_is_its_own() {
        use lurewatch_core::SenderIdentity::{Email, Unknown};
        let own = |address: &str, text: &str| brands().own_notice(&Email(address.to_owned()), text);
        let notice =
            "Your parcel is on its way. Sign in to track it: https://send.royalmail.com/t/1";
        assert!(own("no-reply@royalmail.com", notice));
        assert!(own("alerts@email.royalmail.com", notice));
        // Another sender, or a link off the brand's domains, or no link to judge by.
        assert!(!own("no-reply@royalmail-notices.com", notice));
        assert!(!own(
            "no-reply@royalmail.com",
            "Sign in: https://send.royalmail.com/t/1 or https://royalmail-track.net/t/1"
        ));
        assert!(!own(
            "no-reply@royalmail.com",
            "Sign in with your account to track it"
        ));
        assert!(!brands().own_notice(&Unknown, notice));
    }

    #[test]
    fn a_badly_written_table_is_refused_with_the_entry_named() {
        let refuse = |word: &str, domains: &[&str]| {
            let mut table = BTreeMap::new();
            table.insert(
                word.to_owned(),
                domains.iter().map(|d| (*d).to_owned()).collect(),
            );
            Brands::new(&table).unwrap_err()
        };
        assert!(refuse("ee", &["ee.co.uk"]).contains("\"ee\""));
        assert!(refuse("Royal Mail", &["royalmail.com"]).contains("Royal Mail"));
        assert!(refuse("royalmail", &[]).contains("none of its own domains"));
        assert!(refuse("royalmail", &["https://royalmail.com/"]).contains("not a domain"));
    }
}
