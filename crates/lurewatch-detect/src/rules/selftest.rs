//! `lurewatch rules test`: each rule must fire on its positive examples and stay silent on its
//! negative ones. This is how a rule documents, and defends, what it means.

use super::RuleSet;

/// An example that did not behave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub rule: String,
    pub positive: bool,
    pub example: String,
}

/// The outcome of running all examples.
#[derive(Debug, Clone, Default)]
pub struct RuleTestReport {
    pub rules: usize,
    pub examples: usize,
    pub failures: Vec<ExampleFailure>,
}

pub(super) fn run(set: &RuleSet) -> RuleTestReport {
    let mut report = RuleTestReport {
        rules: set.rules.len(),
        ..Default::default()
    };
    for (index, rule) in set.rules.iter().enumerate() {
        let cases = rule
            .examples
            .positive
            .iter()
            .map(|e| (true, e))
            .chain(rule.examples.negative.iter().map(|e| (false, e)));
        for (positive, example) in cases {
            report.examples += 1;
            if set.rule_matches_example(index, example) != positive {
                report.failures.push(ExampleFailure {
                    rule: rule.id.clone(),
                    positive,
                    example: example.clone(),
                });
            }
        }
    }
    report
}
