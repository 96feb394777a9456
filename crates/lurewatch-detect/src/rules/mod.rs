//! Detection rules as data: loading, compiling and matching them.
//!
//! A message is screened in one pass for the literal prefixes the rules' patterns start with
//! (see [`prefilter`]); only the patterns that could match then run, and the first match of a
//! rule is its evidence. Matching runs on normalised text and quotes the original.

mod brand;
mod people;
mod prefilter;
mod schema;
mod selftest;
mod warning;

use std::path::Path;
use std::str::FromStr;

use lurewatch_core::{Conversation, MessageKind, ParticipantId, Tactic, Verdict};
use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input, Match};

pub use brand::Brands;
pub use people::People;
use prefilter::{Candidate, Prefilter};

use crate::DetectError;
use crate::channel::{Channel, channel_of};
use crate::normalize::{Normalized, normalize};
pub use schema::{Context, Examples, RuleFile, SCHEMA_VERSION, Signal};
pub use selftest::{ExampleFailure, RuleTestReport};

include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

/// A rule ready to match.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub name: String,
    pub tactic: Tactic,
    pub description: String,
    pub weight: f64,
    pub signal: Option<Signal>,
    /// The brands a `link-dressed-as-brand` rule knows (see [`RuleFile::brands`]).
    pub brands: Option<Brands>,
    /// The people a `shown-as-a-protected-person` rule protects (see [`RuleFile::people`]).
    pub people: Option<People>,
    pub context: Context,
    /// The channels it counts in (see [`RuleFile::channels`]).
    pub channels: Vec<Channel>,
    /// Lower-case words that undo a match right after them (see [`RuleFile::not_after`]).
    pub not_after: Vec<String>,
    /// Lower-case words that undo a match right before its `object` group (see
    /// [`RuleFile::not_owned_by`]).
    pub not_owned_by: Vec<String>,
    /// Whether a match inside a warning against it does not count (see
    /// [`RuleFile::not_in_warnings`]).
    pub not_in_warnings: bool,
    /// Whether a match in a service's own e-mail notice does not count (see
    /// [`RuleFile::not_in_own_notice`]).
    pub not_in_own_notice: bool,
    /// The least verdict of a short exchange this rule fires on (see
    /// [`RuleFile::first_contact_verdict`]).
    pub first_contact_verdict: Option<Verdict>,
    /// Advice of its own, given instead of its tactic's (see [`RuleFile::advice`]).
    pub advice: Option<String>,
    pub examples: Examples,
}

/// One rule firing on one message.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleHit {
    pub rule: usize,
    pub message: usize,
    /// Byte range of the evidence in the message's original text.
    pub span: std::ops::Range<usize>,
}

/// Every loaded rule, compiled.
#[derive(Debug, Clone)]
pub struct RuleSet {
    rules: Vec<Rule>,
    screen: Prefilter,
    patterns: Vec<Pattern>,
}

/// One compiled pattern of a rule.
#[derive(Debug, Clone)]
struct Pattern {
    /// Index of its rule in `RuleSet::rules`.
    rule: usize,
    regex: Regex,
    /// As compiled (ASCII boundaries): the screen's tests search with it directly.
    #[cfg(test)]
    source: String,
}

/// The leftmost match of `regex` in `text` that `counts`, searched only at the candidate
/// places the screen found for it (ascending): the same match as an unanchored search would
/// give, since every match starts at one of them.
fn first_match(
    regex: &Regex,
    text: &str,
    places: &[Candidate],
    counts: impl Fn(&Match) -> bool,
) -> Option<Match> {
    places.iter().find_map(|place| match place.start {
        Some(start) => regex
            .search(&Input::new(text).range(start..).anchored(Anchored::Yes))
            .filter(&counts),
        None => regex.find_iter(text).find(&counts),
    })
}

/// Whether the word right before `start` in `text` (past spaces and a hyphen: "non-urgent")
/// is one of `words`.
fn negated(text: &str, start: usize, words: &[String]) -> bool {
    if words.is_empty() {
        return false;
    }
    let before = text
        .get(..start)
        .unwrap_or_default()
        .trim_end_matches([' ', '-']);
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '\'')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = before.get(word_start..).unwrap_or_default();
    !word.is_empty() && words.iter().any(|w| w == word)
}

/// The name of the group a pattern marks what it asks for with (see
/// [`RuleFile::not_owned_by`]).
const OBJECT_GROUP: &str = "object";

/// Whether a compiled pattern has the [`OBJECT_GROUP`], however it was spelt
/// (`(?P<object>…)` or `(?<object>…)`).
fn has_object_group(regex: &Regex) -> bool {
    regex
        .group_info()
        .to_index(regex_automata::PatternID::ZERO, OBJECT_GROUP)
        .is_some()
}

/// Whether the match `m` of `regex` names what it asks for as the sender's own: one of
/// `owners` right before its `object` group ("send you my email address"). Run only on a
/// match, and only for rules that list owners, so the capturing search costs nothing on
/// the messages where no such rule matches.
fn offered(regex: &Regex, text: &str, m: &Match, owners: &[String]) -> bool {
    if owners.is_empty() {
        return false;
    }
    let mut captures = regex.create_captures();
    let input = Input::new(text).range(m.start()..).anchored(Anchored::Yes);
    regex.search_captures(&input, &mut captures);
    captures
        .get_group_by_name(OBJECT_GROUP)
        .is_some_and(|object| negated(text, object.start, owners))
}

/// Rewrites `\b` to an ASCII word boundary: normalised text is almost all ASCII, and the
/// Unicode boundary would push the regex engine off its fast path.
fn ascii_boundaries(pattern: &str) -> String {
    pattern.replace(r"\b", r"(?-u:\b)")
}

/// The screen over `sources` and each source compiled, built side by side: the screen's
/// automaton is most of start-up (a one-text `scan` spent 58 % of its instructions building
/// it, and a quarter compiling the patterns), so on a second core the two overlap. Without
/// a second thread, one after the other.
fn screen_and_regexes(sources: &[String]) -> (Prefilter, Vec<Result<Regex, String>>) {
    let compile = || -> Vec<Result<Regex, String>> {
        sources
            .iter()
            .map(|source| Regex::new(source).map_err(|e| e.to_string()))
            .collect()
    };
    std::thread::scope(|scope| {
        let screen = std::thread::Builder::new()
            .name("rule-screen".to_owned())
            .spawn_scoped(scope, || Prefilter::new(sources.iter().map(String::as_str)));
        match screen {
            Ok(handle) => {
                let compiled = compile();
                // The screen's builder does not panic on any pattern (ones it cannot read
                // simply always run); if it did, build it again here to report it.
                let screen = handle
                    .join()
                    .unwrap_or_else(|_| Prefilter::new(sources.iter().map(String::as_str)));
                (screen, compiled)
            }
            Err(_) => (
                Prefilter::new(sources.iter().map(String::as_str)),
                compile(),
            ),
        }
    })
}

/// A signal's table (`brands`, `people`), checked to be there exactly when the rule has that
/// signal, then read by `read`.
fn signal_table<T>(
    signal: Option<Signal>,
    owner: Signal,
    table: &std::collections::BTreeMap<String, Vec<String>>,
    misplaced: &str,
    read: impl FnOnce(&std::collections::BTreeMap<String, Vec<String>>) -> Result<T, String>,
) -> Result<Option<T>, String> {
    let wanted = signal == Some(owner);
    if wanted == table.is_empty() {
        return Err(misplaced.to_owned());
    }
    wanted.then(|| read(table)).transpose()
}

impl RuleSet {
    /// The rules built into this binary from the repository's `rules/` folder.
    pub fn embedded() -> Result<RuleSet, DetectError> {
        let files = EMBEDDED_RULES
            .iter()
            .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()));
        RuleSet::from_sources(files)
    }

    /// Rules from a folder of `.toml` files, for rule authors (`--rules DIR`).
    pub fn from_dir(dir: &Path) -> Result<RuleSet, DetectError> {
        let io = |e: std::io::Error| DetectError::Rule {
            file: dir.display().to_string(),
            detail: e.to_string(),
        };
        let mut sources = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io)? {
            let path = entry.map_err(io)?.path();
            if path.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&path).map_err(io)?;
                sources.push((path.display().to_string(), text));
            }
        }
        sources.sort();
        RuleSet::from_sources(sources)
    }

    /// Parses and compiles rule files given as (file name, text).
    pub fn from_sources(
        sources: impl IntoIterator<Item = (String, String)>,
    ) -> Result<RuleSet, DetectError> {
        let mut rules = Vec::new();
        // (rule index, pattern as written): compiled once every file has been read; a
        // pattern's errors name its rule's file, `files[rule]`.
        let mut uncompiled: Vec<(usize, String)> = Vec::new();
        let mut files: Vec<String> = Vec::new();
        let mut ids = std::collections::HashSet::new();
        for (file, text) in sources {
            let err = |detail: String| DetectError::Rule {
                file: file.clone(),
                detail,
            };
            let parsed: RuleFile = toml::from_str(&text).map_err(|e| err(e.to_string()))?;
            if parsed.schema != SCHEMA_VERSION {
                return Err(err(format!(
                    "schema {} is not supported (expected {SCHEMA_VERSION})",
                    parsed.schema
                )));
            }
            let tactic = Tactic::from_str(&parsed.tactic).map_err(err)?;
            if !parsed.id.starts_with(&format!("{}.", tactic.id())) {
                return Err(err(format!(
                    "id '{}' must start with its tactic '{}.'",
                    parsed.id,
                    tactic.id()
                )));
            }
            if !ids.insert(parsed.id.clone()) {
                return Err(err(format!("duplicate rule id '{}'", parsed.id)));
            }
            if !(parsed.weight > 0.0 && parsed.weight <= 1.0) {
                return Err(err(format!("weight {} is outside (0, 1]", parsed.weight)));
            }
            if parsed.patterns.is_empty() == parsed.signal.is_none() {
                return Err(err("a rule has either patterns or a signal".to_owned()));
            }
            if parsed.channels.is_empty() {
                return Err(err("a rule counts in at least one channel".to_owned()));
            }
            let brands = signal_table(
                parsed.signal,
                Signal::LinkDressedAsBrand,
                &parsed.brands,
                "a brands table goes with the link-dressed-as-brand signal, and only with it",
                Brands::new,
            )
            .map_err(err)?;
            let people = signal_table(
                parsed.signal,
                Signal::ShownAsAProtectedPerson,
                &parsed.people,
                "a people table goes with the shown-as-a-protected-person signal, and only with it",
                People::new,
            )
            .map_err(err)?;
            if parsed.examples.positive.is_empty() || parsed.examples.negative.is_empty() {
                return Err(err("a rule needs positive and negative examples".to_owned()));
            }
            let first_contact_verdict = parsed
                .first_contact_verdict
                .as_deref()
                .map(Verdict::from_str)
                .transpose()
                .map_err(err)?;
            // Written over several lines in the file, shown as one paragraph.
            let advice = parsed
                .advice
                .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "));
            if advice.as_deref() == Some("") {
                return Err(err("advice, if given, says something".to_owned()));
            }
            let rule = rules.len();
            uncompiled.extend(parsed.patterns.into_iter().map(|pattern| (rule, pattern)));
            rules.push(Rule {
                id: parsed.id,
                name: parsed.name,
                tactic,
                description: parsed.description,
                weight: parsed.weight,
                signal: parsed.signal,
                brands,
                people,
                context: parsed.context,
                channels: parsed.channels,
                not_after: parsed.not_after.iter().map(|w| w.to_lowercase()).collect(),
                not_owned_by: parsed
                    .not_owned_by
                    .iter()
                    .map(|w| w.to_lowercase())
                    .collect(),
                not_in_warnings: parsed.not_in_warnings,
                not_in_own_notice: parsed.not_in_own_notice,
                first_contact_verdict,
                advice,
                examples: parsed.examples,
            });
            files.push(file);
        }
        let sources: Vec<String> = uncompiled
            .iter()
            .map(|(_, pattern)| ascii_boundaries(pattern))
            .collect();
        let (screen, compiled) = screen_and_regexes(&sources);
        let mut patterns = Vec::with_capacity(sources.len());
        for (((rule, pattern), regex), _source) in
            uncompiled.into_iter().zip(compiled).zip(&sources)
        {
            let regex = regex.map_err(|detail| DetectError::Rule {
                file: files.get(rule).cloned().unwrap_or_default(),
                detail: format!("pattern {pattern:?}: {detail}"),
            })?;
            patterns.push(Pattern {
                rule,
                regex,
                #[cfg(test)]
                source: _source.clone(),
            });
        }
        // A rule's owner words need a pattern that marks what it asks for, or they undo
        // nothing: a rule author's mistake, refused like a pattern that does not compile.
        for (index, rule) in rules.iter().enumerate() {
            let marked = || {
                patterns
                    .iter()
                    .any(|p| p.rule == index && has_object_group(&p.regex))
            };
            if !rule.not_owned_by.is_empty() && !marked() {
                return Err(DetectError::Rule {
                    file: files.get(index).cloned().unwrap_or_default(),
                    detail: format!(
                        "not_owned_by needs a pattern with a group named {OBJECT_GROUP}"
                    ),
                });
            }
        }
        Ok(RuleSet {
            rules,
            screen,
            patterns,
        })
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The advice of its own the rule with this id gives, if it has any.
    pub fn advice_of(&self, id: &str) -> Option<&str> {
        self.rules
            .iter()
            .find(|rule| rule.id == id)
            .and_then(|rule| rule.advice.as_deref())
    }

    pub fn rule(&self, index: usize) -> Option<&Rule> {
        self.rules.get(index)
    }

    /// Every rule hit in a conversation, in message order. `normalized` holds each message's
    /// normalised text (computed once by the caller, who needs it for other work too).
    pub fn evaluate(&self, conversation: &Conversation, normalized: &[Normalized]) -> Vec<RuleHit> {
        self.evaluate_in(conversation, channel_of(conversation), normalized)
    }

    /// [`RuleSet::evaluate`], given the conversation's channel (which the analysis has already
    /// worked out for its other steps).
    pub fn evaluate_in(
        &self,
        conversation: &Conversation,
        channel: Channel,
        normalized: &[Normalized],
    ) -> Vec<RuleHit> {
        let mut hits = Vec::new();
        let mut candidates = Vec::new();
        // Each external sender met so far, with how many messages they have written: the
        // first is where `unknown-sender` fires, the first few are their opening.
        let mut senders: Vec<(Option<ParticipantId>, usize)> = Vec::new();
        let mut previous_sender = None;
        let mut reporter_has_written = false;
        for (index, message) in conversation.messages.iter().enumerate() {
            if message.kind != MessageKind::Normal {
                continue;
            }
            let unanswered = previous_sender.is_some() && previous_sender == message.sender;
            previous_sender = message.sender;
            if !conversation.is_external(message) {
                reporter_has_written = true;
                continue;
            }
            let written = match senders.iter_mut().find(|(s, _)| *s == message.sender) {
                Some((_, count)) => {
                    *count += 1;
                    *count
                }
                None => {
                    senders.push((message.sender, 1));
                    1
                }
            };
            let first_from_sender = message.sender.is_some() && written == 1;
            let opening = !reporter_has_written && written <= schema::OPENING_MESSAGES;
            for (rule_index, rule) in self.rules.iter().enumerate() {
                if !rule.channels.contains(&channel) {
                    continue;
                }
                let span = match (rule.signal, &rule.brands) {
                    (Some(Signal::ShownAsAProtectedPerson), _) => (first_from_sender
                        && conversation.sender_of(message).is_some_and(|sender| {
                            rule.people
                                .as_ref()
                                .is_some_and(|people| people.shown_by_someone_else(sender))
                        }))
                    .then_some(0..0),
                    (Some(Signal::SenderNotSavedContact), _)
                        if first_from_sender && conversation.is_from_stranger(message) =>
                    {
                        Some(0..0)
                    }
                    // In e-mail the sender's own address, once per sender: newsletters link to
                    // vendors whose hosts carry a brand's name, but send from their own domain.
                    (Some(Signal::LinkDressedAsBrand), Some(brands)) => match channel {
                        Channel::Message => brands.dressed_link(&message.text),
                        Channel::Email => (first_from_sender
                            && conversation
                                .sender_of(message)
                                .is_some_and(|p| brands.dressed_sender(&p.display, &p.identity)))
                        .then_some(0..0),
                    },
                    _ => None,
                };
                if let Some(span) = span {
                    hits.push(RuleHit {
                        rule: rule_index,
                        message: index,
                        span,
                    });
                }
            }
            let Some(norm) = normalized.get(index) else {
                continue;
            };
            let from_saved_contact = conversation.is_from_saved_contact(message);
            self.screen.candidates(&norm.text, &mut candidates);
            let mut fired: Vec<usize> = Vec::new();
            // Worked out on the first match of a rule that asks, and only in e-mail.
            let mut own_notice: Option<bool> = None;
            for places in candidates.chunk_by(|a, b| a.pattern == b.pattern) {
                let Some(pattern) = places.first().map(|c| c.pattern) else {
                    continue;
                };
                let Some(Pattern {
                    rule: rule_index,
                    regex,
                    ..
                }) = self.patterns.get(pattern)
                else {
                    continue;
                };
                let Some(rule) = self.rules.get(*rule_index) else {
                    continue;
                };
                if fired.contains(rule_index)
                    || !rule.channels.contains(&channel)
                    || (rule.context == Context::AfterUnanswered && !unanswered)
                    || (rule.context == Context::FromStranger && from_saved_contact)
                    || (rule.context == Context::Opening && !opening)
                    || (rule.context == Context::FromFreeMail
                        && !conversation
                            .sender_of(message)
                            .is_some_and(|p| p.identity.is_free_mail()))
                {
                    continue;
                }
                if rule.not_in_own_notice
                    && channel == Channel::Email
                    && *own_notice.get_or_insert_with(|| self.is_own_notice(conversation, message))
                {
                    continue;
                }
                let counts = |m: &Match| {
                    let undone = negated(&norm.text, m.start(), &rule.not_after)
                        || (rule.not_in_warnings && warning::in_warning(&norm.text, m.start()))
                        || offered(regex, &norm.text, m, &rule.not_owned_by);
                    !undone
                };
                if let Some(m) = first_match(regex, &norm.text, places, counts) {
                    fired.push(*rule_index);
                    hits.push(RuleHit {
                        rule: *rule_index,
                        message: index,
                        span: norm.original_range(m.range()),
                    });
                }
            }
        }
        hits
    }

    /// Whether an e-mail message is a brand's own notice ([`Brands::own_notice`]), by the
    /// brands of the rule set's `link-dressed-as-brand` rule (none, without one).
    fn is_own_notice(
        &self,
        conversation: &Conversation,
        message: &lurewatch_core::Message,
    ) -> bool {
        let Some(brands) = self.brands() else {
            return false;
        };
        conversation
            .sender_of(message)
            .is_some_and(|p| brands.own_notice(&p.identity, &message.text))
    }

    /// The brands of the rule set's `link-dressed-as-brand` rule, where an organisation also
    /// lists its own domains.
    pub(crate) fn brands(&self) -> Option<&Brands> {
        self.rules.iter().find_map(|rule| rule.brands.as_ref())
    }

    /// Runs every rule's own examples.
    pub fn self_test(&self) -> RuleTestReport {
        selftest::run(self)
    }

    /// Whether a rule fires on an example. Examples are read like any input (pasted text,
    /// a transcript, or an e-mail with headers), so a rule can show the context it needs.
    pub(crate) fn rule_matches_example(&self, rule_index: usize, example: &str) -> bool {
        let options = lurewatch_core::ParseOptions::default();
        let conversations = lurewatch_core::parse_bytes("example", example.as_bytes(), &options)
            .unwrap_or_default();
        conversations.iter().any(|conversation| {
            let normalized: Vec<Normalized> = conversation
                .messages
                .iter()
                .map(|m| normalize(&m.text))
                .collect();
            self.evaluate(conversation, &normalized)
                .iter()
                .any(|h| h.rule == rule_index)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{RuleSet, negated};

    /// Normalised text folds a run of three letters to two ("sooo" -> "soo"), all but `www`:
    /// a pattern that spells such a run out can never match there.
    #[test]
    fn no_pattern_spells_a_run_the_normaliser_folds() {
        let rules = RuleSet::embedded().unwrap();
        for pattern in &rules.patterns {
            let source = pattern.source.replace("www", "");
            let bytes = source.as_bytes();
            let run = bytes
                .windows(3)
                .find(|w| w[0].is_ascii_alphabetic() && w[0] == w[1] && w[1] == w[2]);
            assert!(
                run.is_none(),
                "{} in {}",
                String::from_utf8_lossy(run.unwrap_or_default()),
                pattern.source
            );
        }
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn a_match_is_negated_by_the_word_right_before_it() {
        let not = words(&["not", "nothing", "non"]);
        let at = |text: &str| text.find("urgent").unwrap();
        for text in [
            "it's not urgent",
            "nothing urgent.",
            "a non-urgent question",
        ] {
            assert!(negated(text, at(text), &not), "{text}");
        }
        // Another word between, a sentence's end, or the start of the text: it counts.
        for text in [
            "not really urgent",
            "not. urgent: reply",
            "urgent: reply",
            "knot urgent",
        ] {
            assert!(!negated(text, at(text), &not), "{text}");
        }
        assert!(!negated("not urgent", 4, &[]));
    }

    #[test]
    fn what_a_sender_offers_as_their_own_is_not_asked_for() {
        let rule = "schema = 1\nid='elicitation.t'\nname='n'\ntactic='elicitation'\n\
            description='d'\nweight=0.3\nnot_owned_by=['my']\n\
            patterns=['''\\bsend\\b[^.]{0,40}?\\b(?P<object>email address|phone number)\\b''']\n\
            [examples]\npositive=['send me your email address']\nnegative=['b']";
        let rules = RuleSet::from_sources([("t.toml".to_owned(), rule.to_owned())]).unwrap();
        let fires = |text: &str| rules.rule_matches_example(0, text);
        assert!(fires("Can you send me your email address?"));
        assert!(fires("Send me the phone number of your office"));
        assert!(!fires("I will send you my email address later"));
        assert!(!fires("I'll send you my phone number"));
        // A later request in the same sentence still counts.
        assert!(fires(
            "I'll send you my email address if you send me your phone number"
        ));
    }

    /// An impersonation rule file `t.toml` with `body` between its head and its examples.
    fn load(body: &str) -> Result<RuleSet, crate::DetectError> {
        let head = "schema = 1\nid='impersonation.t'\nname='n'\ntactic='impersonation'\n\
            description='d'\nweight=0.5\n";
        let examples = "[examples]\npositive=['a']\nnegative=['b']\n";
        RuleSet::from_sources([("t.toml".to_owned(), format!("{head}{body}{examples}"))])
    }

    fn refused(body: &str) -> String {
        load(body).unwrap_err().to_string()
    }

    #[test]
    fn a_brands_table_goes_with_its_signal_and_only_with_it() {
        assert!(load("signal='link-dressed-as-brand'\n[brands]\nacme=['acme.org']\n").is_ok());
        assert!(refused("signal='link-dressed-as-brand'\n").contains("brands table"));
        assert!(refused("patterns=['x']\n[brands]\nacme=['acme.org']\n").contains("brands table"));
        let bad_domain = refused("signal='link-dressed-as-brand'\n[brands]\nacme=['acme']\n");
        assert!(
            bad_domain.contains("t.toml") && bad_domain.contains("\"acme\""),
            "{bad_domain}"
        );
    }

    #[test]
    fn a_people_table_goes_with_its_signal_and_only_with_it() {
        let signal = "signal='shown-as-a-protected-person'\n";
        assert!(load(&format!("{signal}[people]\n'Mark Evans'=['ngo.org']\n")).is_ok());
        assert!(refused(signal).contains("people table"));
        assert!(
            refused("patterns=['x']\n[people]\n'Mark Evans'=['ngo.org']\n")
                .contains("people table")
        );
        let one_word = refused(&format!("{signal}[people]\nMark=['ngo.org']\n"));
        assert!(
            one_word.contains("t.toml") && one_word.contains("two words"),
            "{one_word}"
        );
    }
}
