//! An organisation's own notice to its own people: "The new expenses system goes live on
//! Monday. Sign in with your parliamentary account to view your claims:
//! https://expenses.parliament.uk", from `digital.service@parliament.uk` to a member at
//! `parliament.uk`. The e-mail head learnt its ham from mailing lists with no such notices and
//! reads their words as a phish's, which they are: the phish copies them. What a copy cannot do
//! is send from the organisation's domain (which refuses mail it did not send) and link only to
//! it. So in such an e-mail the classifier's confident reading does not raise the verdict
//! (`ClassifierScore::unless_internal_notice`); the rules' own findings still stand.
//!
//! Only the reporter's own organisation counts, and only as the brands table lists it
//! (`parliament = ["parliament.uk"]`, where an organisation adds its own domains). Not any
//! brand's notice: a SharePoint or DocuSign notice can carry a stranger's content from the
//! service's own domains (an attacker's tenant, a shared document with a link inside). Not any
//! recipient's domain either: a free-mail provider's, or a bulk mailer's that mails addresses
//! on its own domain, is nobody's organisation (nine of SpamAssassin's test spam e-mails, from
//! `caramail.com` to `caramail.com` and the like, took a first draft that trusted any shared
//! domain). And a message "from" the reporter's own address is the sextortion mailer's
//! trick, not a colleague.

use lurewatch_core::{Conversation, Indicator, IndicatorKind, MessageKind, SenderIdentity};

use crate::indicators::{host_of, on_domain};
use crate::rules::Brands;

/// Whether an e-mail is a notice from the reporter's own organisation: one of the reporter's
/// addresses on an organisation's domains in `brands`, every message of the other party's
/// sent from another address on those domains, and at least one link, every link and named
/// domain on them.
pub(crate) fn is_internal_notice(
    conversation: &Conversation,
    indicators: &[Indicator],
    brands: &Brands,
) -> bool {
    // Links, and bare domains too: "log in at parliament-login.co" beside an intranet link is
    // not internal. (The sender's own domain is among the domains, and on the domain.)
    if !indicators.iter().any(|i| i.kind == IndicatorKind::Url) {
        return false;
    }
    let senders: Vec<Option<&str>> = conversation
        .messages
        .iter()
        .filter(|m| m.kind == MessageKind::Normal && conversation.is_external(m))
        .map(|m| match conversation.sender_of(m).map(|p| &p.identity) {
            Some(SenderIdentity::Email(address)) => Some(address.as_str()),
            _ => None,
        })
        .collect();
    if senders.is_empty() {
        return false;
    }
    let links: Vec<String> = indicators
        .iter()
        .filter(|i| matches!(i.kind, IndicatorKind::Url | IndicatorKind::Domain))
        .map(|i| host_of(&i.value).unwrap_or_default())
        .collect();
    conversation.reporter_addresses.iter().any(|own| {
        let Some(domain) = own.rsplit_once('@').map(|(_, d)| d) else {
            return false;
        };
        brands.domains_owning(domain).any(|organisation| {
            let ours = |host: &str| organisation.iter().any(|d| on_domain(host, d));
            senders.iter().all(|sender| {
                sender.is_some_and(|s| s != own && s.rsplit_once('@').is_some_and(|(_, d)| ours(d)))
            }) && links.iter().all(|host| ours(host))
        })
    })
}

#[cfg(test)]
mod tests {
    use lurewatch_core::{ParseOptions, parse_bytes};

    use super::is_internal_notice;
    use crate::indicators::{PhoneParser, extract};
    use crate::rules::Brands;

    fn internal(from: &str, body: &str) -> bool {
        internal_to(from, "alex@parliament.uk", body)
    }

    fn internal_to(from: &str, to: &str, body: &str) -> bool {
        let eml = format!("From: Sender <{from}>\r\nTo: {to}\r\nSubject: Notice\r\n\r\n{body}\r\n");
        let conversations = parse_bytes("n.eml", eml.as_bytes(), &ParseOptions::default()).unwrap();
        let conversation = &conversations[0];
        let indicators = extract(conversation, &PhoneParser::new("GB").unwrap());
        let mut table = std::collections::BTreeMap::new();
        table.insert("parliament".to_owned(), vec!["parliament.uk".to_owned()]);
        let brands = Brands::new(&table).unwrap();
        is_internal_notice(conversation, &indicators, &brands)
    }

    #[test]
    fn the_reporters_own_domain_linking_only_to_itself_is_an_internal_notice() {
        let body = "Sign in to view your claims: https://expenses.parliament.uk/claims";
        assert!(internal("digital.service@parliament.uk", body));
        assert!(internal("it@mail.parliament.uk", body));
        // Another domain, a link or a named domain elsewhere, no link, or the reporter's own
        // address (the sextortion mailer's "from yourself").
        assert!(!internal("digital.service@parliament-services.co", body));
        assert!(!internal(
            "digital.service@parliament.uk",
            "Sign in: https://expenses.parliament.uk or https://expenses-parliament.co/login"
        ));
        assert!(!internal(
            "digital.service@parliament.uk",
            "See https://intranet.parliament.uk, then log in at parliament-login.co"
        ));
        assert!(!internal(
            "digital.service@parliament.uk",
            "The canteen is closed today."
        ));
        assert!(!internal("alex@parliament.uk", body));
        // A domain the recipient shares with the sender but the organisation has not listed
        // as its own: a free-mail provider's, a bulk mailer's.
        assert!(!internal_to(
            "williams.t@caramail.com",
            "williams.falana@caramail.com",
            "Claim it at http://www.caramail.com"
        ));
    }
}
