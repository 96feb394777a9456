//! Which patterns could match a message, found in one pass of an Aho–Corasick automaton over
//! the literal prefixes that every match of each pattern must start with ("send ", "your
//! colleague", "view once" …). Only those patterns then run, each as its own small regex,
//! and only where one of its prefixes occurs: an anchored search that starts at the literal
//! and stops as soon as the pattern fails.
//!
//! Why: one `RegexSet` over every pattern screened a message in one pass, but its lazy DFA
//! had to build a new state for nearly every novel message (the product of every pattern's
//! partial matches is huge), and building states was a third of detection time. Most
//! messages contain none of the prefixes, and the rest one or two. Each candidate regex then
//! scanned the whole message unanchored, and its lazy DFA again built states for every novel
//! text (a quarter of detection time on real chat lines); anchored at the literal, a search
//! reads a few bytes past it. Every match of such a pattern starts with one of its literals,
//! so the leftmost literal at which the pattern matches gives the same match as the
//! unanchored search (a property test checks this against the embedded rules).
//!
//! The same pass finds the literal suffixes every match must end with ("… your password",
//! "… the old number"). A match ends with one of them inside itself, so a place with no
//! suffix of its pattern at or after it cannot start one and is not searched: most places a
//! common opening word ("send", "have") occurs at are dropped this way. Anchored searches
//! were a fifth of the time a text message takes; this cut their number by three quarters
//! (42,000 to 9,600 over the 56,000 texts of `bench/classifier_vs_sklearn.sh`).
//!
//! A pattern whose alternatives multiply out ("what's in / on the minister's / boss's …
//! diary / schedule …") has hundreds of long literals, and building the automaton's DFA
//! over them was most of start-up. Such prefix sets are cut to their first twelve bytes,
//! which every match still starts with, and deduplicated: start-up 1,878 M -> 1,688 M
//! instructions for a one-line `scan`, the time per text unchanged. Suffix sets are left
//! whole: cut too, start-up fell to 1,386 M but each text took about 2 % longer, the
//! suffixes passing more places on (docs/performance.md). Small sets keep their whole
//! literals.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// Literals shorter than this admit nearly every message: such a pattern always runs.
const SHORTEST_USEFUL_LITERAL: usize = 3;

/// Prefix literals are cut to this many bytes (a match still starts with the cut literal).
const LONGEST_USEFUL_LITERAL: usize = 12;

/// A pattern with more prefix literals than this has them cut to [`LONGEST_USEFUL_LITERAL`].
const MANY_LITERALS: usize = 16;

/// A pattern that could match a message, and where its match would have to start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    pub pattern: usize,
    /// Where one of the pattern's literal prefixes occurs; `None` for a pattern without one,
    /// which is searched for anywhere.
    pub start: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// For each literal in the automaton, the patterns whose matches can start with it.
    starts: Vec<Vec<usize>>,
    /// For each literal in the automaton, the patterns whose matches must end with it (one of
    /// that pattern's literal suffixes).
    ends: Vec<Vec<usize>>,
    /// For each pattern, whether it has literal suffixes: then a place is only worth a search
    /// if one of them occurs at or after it.
    has_suffixes: Vec<bool>,
    /// Patterns without a usable literal prefix.
    always: Vec<usize>,
}

/// The literals of every pattern in one table, each with the patterns it starts or ends.
#[derive(Default)]
struct Literals {
    index: HashMap<Vec<u8>, usize>,
    bytes: Vec<Vec<u8>>,
    starts: Vec<Vec<usize>>,
    ends: Vec<Vec<usize>>,
}

/// Which end of a pattern's matches a literal stands at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    Start,
    Finish,
}

impl Literals {
    fn add(&mut self, literal: Vec<u8>, pattern: usize, end: End) {
        let slot = *self.index.entry(literal.clone()).or_insert_with(|| {
            self.bytes.push(literal);
            self.starts.push(Vec::new());
            self.ends.push(Vec::new());
            self.bytes.len() - 1
        });
        let owners = match end {
            End::Start => self.starts.get_mut(slot),
            End::Finish => self.ends.get_mut(slot),
        };
        if let Some(list) = owners
            && !list.contains(&pattern)
        {
            list.push(pattern);
        }
    }
}

impl Prefilter {
    /// Builds the prefilter for patterns in the syntax of the `regex` crate.
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Prefilter {
        let mut literals = Literals::default();
        let mut always = Vec::new();
        let mut has_suffixes = Vec::new();
        for (pattern, source) in patterns.into_iter().enumerate() {
            let suffixes = required_literals(source, ExtractKind::Suffix);
            has_suffixes.push(suffixes.is_some());
            for literal in suffixes.into_iter().flatten() {
                literals.add(literal, pattern, End::Finish);
            }
            let Some(prefixes) = required_literals(source, ExtractKind::Prefix) else {
                always.push(pattern);
                continue;
            };
            for literal in prefixes {
                literals.add(literal, pattern, End::Start);
            }
        }
        // Overlapping search needs the standard match semantics; if the automaton cannot be
        // built (it always can for a few thousand literals), every pattern simply runs.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            // A full DFA: a few thousand literals make a small one, and it is the fastest scan.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&literals.bytes)
            .ok();
        if automaton.is_none() {
            always.extend(literals.starts.iter().flatten().copied());
            always.sort_unstable();
            always.dedup();
            has_suffixes.fill(false);
        }
        Prefilter {
            automaton,
            starts: literals.starts,
            ends: literals.ends,
            has_suffixes,
            always,
        }
    }

    /// The patterns that could match `text` and where, ascending by pattern and then by
    /// start, into `out` (cleared first).
    pub fn candidates(&self, text: &str, out: &mut Vec<Candidate>) {
        out.clear();
        out.extend(self.always.iter().map(|&pattern| Candidate {
            pattern,
            start: None,
        }));
        let Some(automaton) = &self.automaton else {
            return;
        };
        // Where the last literal suffix of each pattern starts: a match starting at a place
        // ends with one of its suffixes, wholly inside the match, so a place after the last
        // suffix cannot start one. Patterns whose prefix occurs but whose suffixes do not
        // (most of them) are never searched.
        let mut last_suffix: Vec<(usize, usize)> = Vec::new();
        for found in automaton.find_overlapping_iter(text) {
            let literal = found.pattern().as_usize();
            if let Some(patterns) = self.starts.get(literal) {
                out.extend(patterns.iter().map(|&pattern| Candidate {
                    pattern,
                    start: Some(found.start()),
                }));
            }
            if let Some(patterns) = self.ends.get(literal) {
                // Found in order of their ends, so a later one may start earlier: keep the
                // latest start.
                for &pattern in patterns {
                    match last_suffix.iter_mut().find(|(p, _)| *p == pattern) {
                        Some((_, start)) => *start = (*start).max(found.start()),
                        None => last_suffix.push((pattern, found.start())),
                    }
                }
            }
        }
        out.retain(|candidate| match candidate.start {
            Some(start) if self.has_suffixes.get(candidate.pattern) == Some(&true) => last_suffix
                .iter()
                .any(|&(p, last)| p == candidate.pattern && last >= start),
            _ => true,
        });
        out.sort_unstable();
        out.dedup();
    }

    /// How many patterns run on every message whatever it says.
    #[cfg(test)]
    pub fn always_run(&self) -> usize {
        self.always.len()
    }
}

/// The literals one of which starts (`Prefix`) or ends (`Suffix`) every match of
/// `pattern`, or `None` when there is no such finite set of useful length (a pattern opening
/// with a character class, say).
fn required_literals(pattern: &str, kind: ExtractKind) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let prefix = matches!(kind, ExtractKind::Prefix);
    let mut seq = Extractor::new().kind(kind).extract(&hir);
    if prefix && seq.len().is_some_and(|n| n > MANY_LITERALS) {
        seq.keep_first_bytes(LONGEST_USEFUL_LITERAL);
        seq.dedup();
    }
    let literals = seq.literals()?;
    if literals.is_empty()
        || literals
            .iter()
            .any(|l| l.as_bytes().len() < SHORTEST_USEFUL_LITERAL)
    {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_patterns_whose_prefix_occurs_are_candidates() {
        let filter = Prefilter::new([
            r"(?-u:\b)(?:send|share) me your (?:code|pin)(?-u:\b)",
            r"(?-u:\b)view[- ]once(?-u:\b)",
            r"[a-z]+ coin",
        ]);
        assert_eq!(filter.always_run(), 1);
        let mut out = Vec::new();
        let mut found = |text: &str| {
            filter.candidates(text, &mut out);
            out.iter().map(|c| (c.pattern, c.start)).collect::<Vec<_>>()
        };
        assert_eq!(
            found("please share me your pin"),
            vec![(0, Some(7)), (2, None)]
        );
        assert_eq!(found("a view-once photo"), vec![(1, Some(2)), (2, None)]);
        assert_eq!(found("see you at six"), vec![(2, None)]);
        assert_eq!(
            found("view once, then view-once again"),
            vec![(1, Some(0)), (1, Some(16)), (2, None)]
        );
    }

    #[test]
    fn a_place_after_every_suffix_is_not_searched() {
        let filter = Prefilter::new([r"(?-u:\b)send [a-z ]{0,20}(?:money|cash)(?-u:\b)"]);
        let mut out = Vec::new();
        let mut found = |text: &str| {
            filter.candidates(text, &mut out);
            out.iter().map(|c| (c.pattern, c.start)).collect::<Vec<_>>()
        };
        assert_eq!(found("send me money"), vec![(0, Some(0))]);
        assert_eq!(found("send it now"), vec![]);
        assert_eq!(found("money first, then send it"), vec![]);
        assert_eq!(
            found("send cash or send money"),
            vec![(0, Some(0)), (0, Some(13))]
        );
        assert_eq!(found("send cash, send it"), vec![(0, Some(0))]);
    }

    #[test]
    fn many_long_prefixes_are_cut_to_a_shared_head() {
        let pattern = r"what's (?:in|on) (?:the|your) (?:minister|boss|chair|leader|speaker)'s (?:diary|schedule|calendar|itinerary)";
        let prefixes = required_literals(pattern, ExtractKind::Prefix).unwrap();
        let suffixes = required_literals(pattern, ExtractKind::Suffix).unwrap();
        assert_eq!(prefixes.len(), 4, "{prefixes:?}");
        assert!(prefixes.iter().all(|l| l.len() == LONGEST_USEFUL_LITERAL));
        // Suffixes are kept whole: cut, they let more places through (a slower scan).
        assert!(
            suffixes.iter().any(|l| l.ends_with(b"'s itinerary")),
            "{suffixes:?}"
        );
        // Cut, the pattern is still found where it is, and only there.
        let filter = Prefilter::new([pattern]);
        let mut out = Vec::new();
        filter.candidates("so what's on your boss's calendar?", &mut out);
        assert_eq!(
            out,
            vec![Candidate {
                pattern: 0,
                start: Some(3)
            }]
        );
        filter.candidates("what's on tv tonight", &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn a_few_literals_are_kept_whole() {
        let prefixes = required_literals(r"view[ -]?once photo", ExtractKind::Prefix).unwrap();
        assert!(
            prefixes.iter().any(|l| l == b"view once photo"),
            "{prefixes:?}"
        );
    }

    #[test]
    fn an_empty_or_short_prefix_means_the_pattern_always_runs() {
        let filter = Prefilter::new([r"(?:a|bc)d+", r"x?yz"]);
        assert_eq!(filter.always_run(), 2);
    }
}

#[cfg(test)]
mod embedded_rules {
    use crate::rules::RuleSet;

    /// A pattern without a literal prefix runs on every message; the embedded rules keep
    /// that to the one that cannot have one (the lone "Or not" after silence). Each more costs
    /// about a percent per text: a `\d` at a pattern's start (every Unicode digit, too many
    /// literals for the screen) did. Lists them when it fails.
    #[test]
    fn nearly_every_embedded_pattern_has_a_literal_prefix() {
        let rules = RuleSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let always = rules.screen.always_run();
        assert!(
            always <= 1,
            "{always} patterns have no literal prefix: {:?}",
            rules
                .patterns
                .iter()
                .enumerate()
                .filter(|(i, _)| rules.screen.always.contains(i))
                .map(|(_, p)| p.source.as_str())
                .collect::<Vec<_>>()
        );
    }
}

#[cfg(test)]
mod never_misses {
    use proptest::prelude::*;

    use crate::normalize::normalize;
    use crate::rules::{RuleSet, first_match};

    static RULES: std::sync::LazyLock<RuleSet> =
        std::sync::LazyLock::new(|| RuleSet::embedded().unwrap_or_else(|e| panic!("{e}")));
    static WORDS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(vocabulary);

    /// Words of every embedded rule's examples: random sentences of them come close to what
    /// the patterns look for.
    fn vocabulary() -> Vec<String> {
        let rules = &*RULES;
        let mut words: Vec<String> = rules
            .rules()
            .iter()
            .flat_map(|r| r.examples.positive.iter().chain(&r.examples.negative))
            .flat_map(|e| e.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .collect();
        words.sort();
        words.dedup();
        words
    }

    /// A pattern's source, its match through the screen and by a search of the whole text.
    type Comparison = (
        String,
        Option<std::ops::Range<usize>>,
        Option<std::ops::Range<usize>>,
    );

    /// What evaluation finds for each pattern through the screen, beside what an unanchored
    /// search over the whole text finds; they must agree, span for span.
    fn screened_and_direct(rules: &RuleSet, text: &str) -> Vec<Comparison> {
        let mut candidates = Vec::new();
        rules.screen.candidates(text, &mut candidates);
        rules
            .patterns
            .iter()
            .enumerate()
            .map(|(i, pattern)| {
                let places: Vec<_> = candidates
                    .iter()
                    .copied()
                    .filter(|c| c.pattern == i)
                    .collect();
                let screened =
                    first_match(&pattern.regex, text, &places, |_| true).map(|m| m.range());
                let direct = pattern.regex.find(text).map(|m| m.range());
                (pattern.source.clone(), screened, direct)
            })
            .collect()
    }

    proptest! {
        /// The screen may admit too much, never too little: every pattern that matches a text
        /// is among its candidates, and the search at its candidate places finds the very
        /// match a search of the whole text finds.
        #[test]
        fn the_screened_search_finds_what_a_full_search_finds(picks in proptest::collection::vec(any::<usize>(), 1..40)) {
            let words = &*WORDS;
            let text: Vec<&str> = picks.iter().filter_map(|i| words.get(i % words.len()).map(String::as_str)).collect();
            let norm = normalize(&text.join(" "));
            for (source, screened, direct) in screened_and_direct(&RULES, &norm.text) {
                prop_assert_eq!(&screened, &direct, "pattern {} on {:?}", source, norm.text);
            }
        }
    }

    #[test]
    fn every_example_finds_the_same_matches_through_the_screen() {
        let rules = &*RULES;
        for rule in rules.rules() {
            for example in rule.examples.positive.iter().chain(&rule.examples.negative) {
                let norm = normalize(example);
                for (source, screened, direct) in screened_and_direct(rules, &norm.text) {
                    assert_eq!(screened, direct, "{source} on {example:?}");
                }
            }
        }
    }
}
