//! The rule-file format, version 1. One TOML file per rule, owned by this crate: the schema is
//! versioned so that rules written for one release keep loading in the next.

use serde::Deserialize;

use crate::channel::Channel;

/// The only schema version this release reads.
pub const SCHEMA_VERSION: u32 = 1;

/// One rule file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub schema: u32,
    /// Stable id, `tactic.name`; analysts and suppressions refer to it.
    pub id: String,
    pub name: String,
    /// A tactic id from DESIGN.md.
    pub tactic: String,
    pub description: String,
    /// How strongly one match suggests the tactic, in (0, 1].
    pub weight: f64,
    /// Regular expressions over normalised text (lower case, look-alike letters folded,
    /// text-speak expanded). Any one matching fires the rule.
    #[serde(default)]
    pub patterns: Vec<String>,
    /// A fact about the conversation rather than words, for rules such as `unknown-sender`.
    #[serde(default)]
    pub signal: Option<Signal>,
    /// For the `link-dressed-as-brand` signal only: each brand's word as it appears in a
    /// link's host (a whole label, or a hyphen-separated part of one: `royalmail`), with the
    /// domains the brand really uses (`["royalmail.com"]`).
    #[serde(default)]
    pub brands: std::collections::BTreeMap<String, Vec<String>>,
    /// For the `shown-as-a-protected-person` signal only: each person's name as senders show
    /// it ("Mark Evans", at least two words), with the domains and addresses they really write
    /// from (`["ngo.example", "mark.evans.home@gmail.com"]`).
    #[serde(default)]
    pub people: std::collections::BTreeMap<String, Vec<String>>,
    /// Where in the conversation a match counts.
    #[serde(default)]
    pub context: Context,
    /// The channels a rule counts in: `message` (texts, chats, pasted text) and `email`. Every
    /// channel unless given. For words whose meaning the channel changes: "click here <link>"
    /// from an unknown number is the smishing pattern, and closes every newsletter.
    #[serde(default = "every_channel")]
    pub channels: Vec<Channel>,
    /// Words that undo a match when they come right before it ("not urgent", "nothing
    /// urgent", "non-urgent"): the match does not count, and a later one in the message may.
    #[serde(default)]
    pub not_after: Vec<String>,
    /// Words that undo a match when they come right before what it asks for, the pattern's
    /// group named `object` ("send you *my* email address"): a stranger offering their own
    /// details is not asking for the target's. Patterns without the group are not affected;
    /// a rule that lists these words needs at least one pattern with it.
    #[serde(default)]
    pub not_owned_by: Vec<String>,
    /// Whether a match inside a warning against it does not count: "Never share this code",
    /// "Do not send your PIN to anyone", "We will never ask you to verify your account" are
    /// advice, where "if you don't verify your account today" is still a threat (see
    /// `rules/warning.rs` for how the two are told apart).
    #[serde(default)]
    pub not_in_warnings: bool,
    /// Whether, in e-mail, a match does not count in a service's own notice: sent from one of
    /// a brand's own domains (the `link-dressed-as-brand` rule's `brands` table) with every
    /// link on that brand's domains. SharePoint's real share notice says "Sign in with your
    /// work account to view" above a link to the organisation's `sharepoint.com` site; a copy
    /// of it either sends from another domain or links off the brand's.
    #[serde(default)]
    pub not_in_own_notice: bool,
    /// The least verdict of a first contact this rule fires on: a short exchange (fewer than
    /// three messages), opened by an unknown sender, in which their message matches. For
    /// openers that exist only to start a conversation that turns to money later ("Is this
    /// Jessica?"), whose words the classifier cannot tell from an ordinary text, and for the
    /// requests and lures the classifier never learnt from SMS spam ("send me your colleague
    /// Sarah's number"). A saved contact's message never gets the floor, whatever the rule's
    /// `context`.
    #[serde(default)]
    pub first_contact_verdict: Option<String>,
    /// What to do about this rule's finding, when its tactic's general advice would be wrong
    /// or not enough: an authority's threat is not blackmail, and a device code entered on
    /// Microsoft's own page is not undone by changing a password. A finding of a rule with its
    /// own advice gets that advice instead of its tactic's. Line breaks and runs of spaces are
    /// read as one space, so it can be wrapped like the description.
    #[serde(default)]
    pub advice: Option<String>,
    pub examples: Examples,
}

fn every_channel() -> Vec<Channel> {
    Channel::ALL.to_vec()
}

/// Structural facts a rule can fire on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Signal {
    /// The first message of each sender who is not one of the reporter's saved contacts.
    SenderNotSavedContact,
    /// A message of the other party's with a link whose host carries one of the rule's
    /// `brands` but is on none of that brand's own domains (`rules/brand.rs`).
    LinkDressedAsBrand,
    /// A sender showing the name of one of the rule's `people` without being them: an e-mail
    /// address off their domains, or a profile name on a chat app (`rules/people.rs`).
    ShownAsAProtectedPerson,
}

/// How many of a sender's first messages are their opening (see [`Context::Opening`]).
pub const OPENING_MESSAGES: usize = 2;

/// Conditions on where a pattern match counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Context {
    #[default]
    Any,
    /// Only when the same sender's previous message went unanswered ("Or not", "Hello??").
    AfterUnanswered,
    /// Only from a sender who is not one of the reporter's saved contacts: "long time no
    /// speak" from a friend in the address book is a reunion, not a claimed relationship.
    FromStranger,
    /// Only in how a sender opens: their first [`OPENING_MESSAGES`] messages, before the
    /// reporter has written anything (a greeting, then the claim: "Hi!", "it's me, new number,
    /// delete the old"). "New number, save this one" opening a chat claims an acquaintance the
    /// target should already have; the same words once the sender has introduced themselves
    /// only move the chat to another number.
    Opening,
    /// Only from an e-mail sender on a free provider's domain (gmail.com, outlook.com, …):
    /// for requests only an organisation makes. SharePoint's own notice says "sign in with
    /// your work account to view", and so does a copy of it sent from a Gmail address; an
    /// organisation sends from its own domain.
    FromFreeMail,
}

/// Example messages the rule must and must not fire on. Each is pasted text: one free-text
/// message, or a `Name: text` transcript for rules that need context.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    pub positive: Vec<String>,
    pub negative: Vec<String>,
}
