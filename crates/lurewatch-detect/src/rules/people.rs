//! The people an organisation protects from impersonation: "Mark Evans" <mark.evans.ceo@gmail.com>
//! asking finance for an urgent transfer, or a WhatsApp profile named "Jo Adams MP" from an
//! unknown number. The claim is the name the sender shows; no wording gives it away, and only
//! the organisation knows who its people are and where they really write from. So the list is
//! data in a rule file the organisation writes (`organisation-rules/`), as brands are.

use std::collections::BTreeMap;

use lurewatch_core::{Participant, SenderIdentity};

use crate::indicators::host_of;
use crate::normalize::normalize;

/// One protected person: the words of their name, and where they really write from.
#[derive(Debug, Clone)]
struct Person {
    /// Lower case, letters only, at least two ("mark", "evans").
    words: Vec<String>,
    /// Domains (a host on or under one is theirs) and whole addresses ("@" in them).
    own: Vec<String>,
}

/// The people of one rule's `people` table.
#[derive(Debug, Clone)]
pub struct People {
    people: Vec<Person>,
}

impl People {
    /// Checks the table as a rule author wrote it; the error names the entry.
    pub(crate) fn new(table: &BTreeMap<String, Vec<String>>) -> Result<Self, String> {
        let mut people = Vec::with_capacity(table.len());
        for (name, own) in table {
            let words = name_words(name);
            if words.len() < 2 {
                return Err(format!(
                    "person {name:?}: a name of at least two words (\"Mark Evans\"), so that a first name alone matches nobody"
                ));
            }
            if let Some(bad) = own.iter().find(|o| !is_domain_or_address(o)) {
                return Err(format!(
                    "person {name:?}: {bad:?} is neither a domain in lower case (\"ngo.example\") nor an address (\"mark@ngo.example\")"
                ));
            }
            people.push(Person {
                words,
                own: own.clone(),
            });
        }
        Ok(People { people })
    }

    /// Whether `sender` shows a protected person's name without being them: an e-mail address
    /// off that person's domains and addresses, or a name the sender chose themselves on a chat
    /// app (a saved contact's name is the reporter's own choice, and a number shows no name).
    pub(crate) fn shown_by_someone_else(&self, sender: &Participant) -> bool {
        let (shown, address) = match &sender.identity {
            SenderIdentity::Email(address) => (
                sender.display.split('<').next().unwrap_or_default(),
                Some(address.as_str()),
            ),
            SenderIdentity::ProfileName => (sender.display.as_str(), None),
            _ => return false,
        };
        let shown = name_words(shown);
        self.people.iter().any(|person| {
            person.words.iter().all(|w| shown.contains(w))
                && address.is_none_or(|address| !person.writes_from(address))
        })
    }
}

impl Person {
    fn writes_from(&self, address: &str) -> bool {
        let domain = address.rsplit_once('@').map_or("", |(_, d)| d);
        self.own.iter().any(|own| {
            if own.contains('@') {
                own == address
            } else {
                domain
                    .strip_suffix(own.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
            }
        })
    }
}

/// The words of a name as the rules read text (look-alike letters folded, so a Cyrillic "а"
/// in "Mаrk Evans" is an "a"), letters only: "Evans, Mark (CEO)" -> evans, mark, ceo.
fn name_words(name: &str) -> Vec<String> {
    normalize(name)
        .text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn is_domain_or_address(text: &str) -> bool {
    let domain = match text.split_once('@') {
        Some((local, domain)) if !local.is_empty() && text == text.to_lowercase() => domain,
        Some(_) => return false,
        None => text,
    };
    host_of(domain).as_deref() == Some(domain)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use lurewatch_core::{Participant, SenderIdentity};

    use super::People;

    fn people() -> People {
        let mut table = BTreeMap::new();
        table.insert(
            "Mark Evans".to_owned(),
            vec![
                "ngo.example".to_owned(),
                "mark.evans.home@gmail.com".to_owned(),
            ],
        );
        People::new(&table).unwrap()
    }

    fn email(shown: &str, address: &str) -> bool {
        people().shown_by_someone_else(&Participant {
            display: format!("{shown} <{address}>"),
            identity: SenderIdentity::Email(address.to_owned()),
        })
    }

    #[test]
    fn a_protected_name_from_another_address_is_someone_else() {
        assert!(email("Mark Evans", "mark.evans.ceo@gmail.com"));
        assert!(email("\"Evans, Mark (CEO)\"", "ceo.office@protonmail.com"));
        assert!(email("Mark Evans", "mark@ngo-example.co"));
        // Look-alike letters: a Cyrillic "а" and "М".
        assert!(email("\u{41c}\u{430}rk Evans", "mark.evans.ceo@gmail.com"));
        // Their own domain, a subdomain of it, or an address they use.
        assert!(!email("Mark Evans", "mark.evans@ngo.example"));
        assert!(!email("Mark Evans", "mark@mail.ngo.example"));
        assert!(!email("Mark Evans", "mark.evans.home@gmail.com"));
        // Another Mark.
        assert!(!email("Mark Lewis", "mark.lewis@gmail.com"));
    }

    #[test]
    fn on_chat_apps_only_a_name_the_sender_chose_counts() {
        let shown_as = |display: &str, identity| {
            people().shown_by_someone_else(&Participant {
                display: display.to_owned(),
                identity,
            })
        };
        assert!(shown_as("Mark Evans", SenderIdentity::ProfileName));
        assert!(!shown_as("Mark Evans", SenderIdentity::SavedContact));
        assert!(!shown_as(
            "+44 7700 900123",
            SenderIdentity::RawNumber("+44 7700 900123".to_owned())
        ));
    }

    #[test]
    fn a_badly_written_table_is_refused_with_the_entry_named() {
        let refused = |name: &str, own: &str| {
            let mut table = BTreeMap::new();
            table.insert(name.to_owned(), vec![own.to_owned()]);
            People::new(&table).unwrap_err()
        };
        assert!(refused("Mark", "ngo.example").contains("two words"));
        assert!(refused("Mark Evans", "NGO").contains("\"NGO\""));
        assert!(refused("Mark Evans", "@ngo.example").contains("neither"));
    }
}
