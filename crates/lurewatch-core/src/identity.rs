//! Who is who in a chat: how each sender appeared to the reporter (a saved contact's name, a
//! raw number, or a WhatsApp `~ profile name`), and which participant is the reporter. Shared
//! by every format that shows senders as the reporter's phone displayed them.

use crate::model::{Diagnostic, Participant, ParticipantId, SenderIdentity};

/// Directional and invisible characters WhatsApp wraps around numbers and names.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Cleans a sender as shown in the export and classifies it, as WhatsApp shows names: a name
/// is a saved contact.
pub(crate) fn classify(shown: &str) -> Participant {
    classify_with_default(shown, SenderIdentity::SavedContact)
}

/// Like [`classify`], for apps where a plain name may or may not be a saved contact: such names
/// get `for_names` (Telegram, Instagram, Discord and e-mail show a name the sender chose).
pub(crate) fn classify_with_default(shown: &str, for_names: SenderIdentity) -> Participant {
    let clean: String = shown.chars().filter(|&c| !is_invisible(c)).collect();
    let clean = clean.trim();
    if let Some(profile) = clean.strip_prefix('~') {
        let name = profile.trim_matches(|c: char| c.is_whitespace() || c == '\u{202F}');
        return Participant {
            display: name.to_owned(),
            identity: SenderIdentity::ProfileName,
        };
    }
    if looks_like_phone_number(clean) {
        return Participant {
            display: clean.to_owned(),
            identity: SenderIdentity::RawNumber(clean.to_owned()),
        };
    }
    Participant {
        display: clean.to_owned(),
        identity: for_names,
    }
}

/// `+44 7700 900123`, `+1 (555) 010-9999`, `07700 900123`: digits with the usual punctuation.
pub fn looks_like_phone_number(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    digits >= 6
        && s.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    '+' | ' ' | '-' | '(' | ')' | '.' | '\u{2011}' | '\u{00A0}'
                )
        })
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn same_party(a: &str, b: &str) -> bool {
    if looks_like_phone_number(a) && looks_like_phone_number(b) {
        let (da, db) = (digits(a), digits(b));
        return da.ends_with(&db) || db.ends_with(&da);
    }
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Works out which participant reported the chat, explaining any guess in a diagnostic.
/// `speakers` are the participants in the order they first wrote.
pub(crate) fn find_reporter(
    participants: &[Participant],
    speakers: &[ParticipantId],
    partner_hint: Option<&str>,
    me: Option<&str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ParticipantId> {
    let find = |name: &str| {
        participants
            .iter()
            .position(|p| same_party(&p.display, name))
            .map(ParticipantId)
    };
    if let Some(me) = me {
        let found = find(me);
        if found.is_none() {
            diagnostics.push(Diagnostic {
                line: None,
                message: format!("--me '{me}' does not appear as a sender in this chat"),
            });
        }
        return found;
    }
    // Exports and pasted transcripts name the reporter's own side "You" or "Me".
    if let Some(you) = find("You").or_else(|| find("Me")) {
        return Some(you);
    }
    if let [a, b] = speakers {
        let name = |id: &ParticipantId| {
            participants
                .get(id.0)
                .map(|p| p.display.as_str())
                .unwrap_or("")
        };
        if let Some(hint) = partner_hint {
            if same_party(name(a), hint) {
                return Some(*b);
            }
            if same_party(name(b), hint) {
                return Some(*a);
            }
        }
        let saved = |id: &ParticipantId| {
            participants
                .get(id.0)
                .is_some_and(|p| p.identity.is_saved_contact())
        };
        match (saved(a), saved(b)) {
            // The reporter's own name always shows as a name; the stranger's as a number.
            (true, false) => return Some(*a),
            (false, true) => return Some(*b),
            _ => {}
        }
        diagnostics.push(Diagnostic {
            line: None,
            message: format!(
                "guessed that '{}' reported this chat, as '{}' wrote first; pass --me NAME if that is wrong",
                name(b),
                name(a)
            ),
        });
        return Some(*b);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_senders() {
        assert_eq!(
            classify("\u{202A}+44 7700 900123\u{202C}").identity,
            SenderIdentity::RawNumber("+44 7700 900123".into())
        );
        let abi = classify("~\u{202F}Abi");
        assert_eq!(
            (abi.display.as_str(), abi.identity),
            ("Abi", SenderIdentity::ProfileName)
        );
        assert_eq!(classify("Mum").identity, SenderIdentity::SavedContact);
        assert_eq!(classify("Agent 007").identity, SenderIdentity::SavedContact);
    }

    #[test]
    fn reporter_from_hint_identity_or_me() {
        let ps = vec![classify("+44 7700 900123"), classify("Sam Jones")];
        let speakers = [ParticipantId(0), ParticipantId(1)];
        let mut d = Vec::new();
        assert_eq!(
            find_reporter(&ps, &speakers, None, None, &mut d),
            Some(ParticipantId(1))
        );
        assert_eq!(
            find_reporter(&ps, &speakers, Some("+447700900123"), None, &mut d),
            Some(ParticipantId(1))
        );
        assert_eq!(
            find_reporter(&ps, &speakers, None, Some("sam jones"), &mut d),
            Some(ParticipantId(1))
        );
        assert!(d.is_empty());
        assert_eq!(
            find_reporter(&ps, &speakers, None, Some("Nobody"), &mut d),
            None
        );
        assert_eq!(d.len(), 1);
    }
}
