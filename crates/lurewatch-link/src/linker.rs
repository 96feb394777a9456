//! An in-memory linker: the same decisions as the database-backed one, for evaluation,
//! benchmarks and single-process use. Indexes identifiers, domains, personas and LSH band keys
//! to find candidates without comparing every pair.

use std::collections::HashMap;

use lurewatch_core::IndicatorKind;

use lurewatch_core::{Candidate, Edge, Signature};

use crate::decide::{LinkParams, decide};
use crate::union_find::UnionFind;

/// A band bucket holding more reports than this is a generic text ("ok thanks"), not a script.
const MAX_BUCKET: usize = 200;

#[derive(Default)]
pub struct Linker {
    params: LinkParams,
    signatures: Vec<Signature>,
    by_identifier: HashMap<(IndicatorKind, String), Vec<usize>>,
    by_domain: HashMap<String, Vec<usize>>,
    by_persona: HashMap<String, Vec<usize>>,
    by_band: HashMap<i64, Vec<usize>>,
    sets: UnionFind,
}

impl Linker {
    pub fn new(params: LinkParams) -> Linker {
        Linker {
            params,
            ..Linker::default()
        }
    }

    /// Adds a report; returns its index and the edges that joined it to earlier reports.
    pub fn add(&mut self, signature: Signature) -> (usize, Vec<Edge>) {
        let index = self.sets.push();
        let mut found: Vec<usize> = Vec::new();
        if signature.linkable {
            for key in &signature.identifiers {
                found.extend(self.by_identifier.get(key).into_iter().flatten());
            }
            for domain in &signature.domains {
                found.extend(self.by_domain.get(domain).into_iter().flatten());
            }
            for persona in &signature.personas {
                found.extend(
                    self.by_persona
                        .get(persona)
                        .into_iter()
                        .flatten()
                        .take(MAX_BUCKET),
                );
            }
            for key in &signature.band_keys {
                if let Some(bucket) = self.by_band.get(key).filter(|b| b.len() <= MAX_BUCKET) {
                    found.extend(bucket);
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        let candidates: Vec<Candidate> = found
            .iter()
            .filter_map(|&i| {
                Some(Candidate {
                    report: i as i64,
                    signature: self.signatures.get(i)?.clone(),
                })
            })
            .collect();
        let counts = |kind: IndicatorKind, value: &str| match kind {
            IndicatorKind::Domain => self.by_domain.get(value).map_or(0, Vec::len),
            _ => self
                .by_identifier
                .get(&(kind, value.to_owned()))
                .map_or(0, Vec::len),
        };
        let edges = decide(&signature, &candidates, &counts, &self.params);
        for edge in &edges {
            self.sets.union(index, edge.other as usize);
        }
        if signature.linkable {
            for key in &signature.identifiers {
                self.by_identifier
                    .entry(key.clone())
                    .or_default()
                    .push(index);
            }
            for domain in &signature.domains {
                self.by_domain
                    .entry(domain.clone())
                    .or_default()
                    .push(index);
            }
            for persona in &signature.personas {
                self.by_persona
                    .entry(persona.clone())
                    .or_default()
                    .push(index);
            }
            for key in &signature.band_keys {
                self.by_band.entry(*key).or_default().push(index);
            }
        }
        self.signatures.push(signature);
        (index, edges)
    }

    /// The campaign of a report: the index of its campaign's first report.
    pub fn campaign(&mut self, report: usize) -> usize {
        self.sets.find(report)
    }

    pub fn len(&self) -> usize {
        self.signatures.len()
    }

    pub fn is_empty(&self) -> bool {
        self.signatures.is_empty()
    }
}
