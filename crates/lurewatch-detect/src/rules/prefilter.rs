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

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// Literals shorter than this admit nearly every message: such a pattern always runs.
const SHORTEST_USEFUL_LITERAL: usize = 3;

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
    owners: Vec<Vec<usize>>,
    /// Patterns without a usable literal prefix.
    always: Vec<usize>,
}

impl Prefilter {
    /// Builds the prefilter for patterns in the syntax of the `regex` crate.
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Prefilter {
        let mut index: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for (pattern, source) in patterns.into_iter().enumerate() {
            let Some(prefixes) = required_prefixes(source) else {
                always.push(pattern);
                continue;
            };
            for literal in prefixes {
                let slot = *index.entry(literal.clone()).or_insert_with(|| {
                    literals.push(literal);
                    owners.push(Vec::new());
                    owners.len() - 1
                });
                if let Some(list) = owners.get_mut(slot)
                    && !list.contains(&pattern)
                {
                    list.push(pattern);
                }
            }
        }
        // Overlapping search needs the standard match semantics; if the automaton cannot be
        // built (it always can for a few hundred literals), every pattern simply runs.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            // A full DFA: a few hundred literals make a small one, and it is the fastest scan.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&literals)
            .ok();
        if automaton.is_none() {
            always.extend(owners.iter().flatten().copied());
            always.sort_unstable();
            always.dedup();
        }
        Prefilter {
            automaton,
            owners,
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
        if let Some(automaton) = &self.automaton {
            for found in automaton.find_overlapping_iter(text) {
                if let Some(patterns) = self.owners.get(found.pattern().as_usize()) {
                    out.extend(patterns.iter().map(|&pattern| Candidate {
                        pattern,
                        start: Some(found.start()),
                    }));
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// How many patterns run on every message whatever it says.
    #[cfg(test)]
    pub fn always_run(&self) -> usize {
        self.always.len()
    }
}

/// The literals one of which starts every match of `pattern`, or `None` when there is no
/// such finite set of useful length (a pattern opening with a character class, say).
fn required_prefixes(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
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
    fn an_empty_or_short_prefix_means_the_pattern_always_runs() {
        let filter = Prefilter::new([r"(?:a|bc)d+", r"x?yz"]);
        assert_eq!(filter.always_run(), 2);
    }
}

#[cfg(test)]
mod embedded_rules {
    use crate::rules::RuleSet;

    /// A pattern without a literal prefix runs on every message; the embedded rules keep
    /// that to a few, or the screen loses its point. Lists them when it fails.
    #[test]
    fn nearly_every_embedded_pattern_has_a_literal_prefix() {
        let rules = RuleSet::embedded().unwrap_or_else(|e| panic!("{e}"));
        let always = rules.screen.always_run();
        assert!(
            always <= 4,
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
                let screened = first_match(&pattern.regex, text, &places).map(|m| m.range());
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
