//! An in-memory linker: the same decisions as the database-backed one, for evaluation,
//! benchmarks and single-process use. Indexes identifiers, domains, personas and LSH band keys
//! to find candidates without comparing every pair.

use std::collections::HashMap;

use lurewatch_core::IndicatorKind;

use lurewatch_core::{Edge, Signature};

use crate::decide::{LinkParams, decide_among};
use crate::union_find::UnionFind;

/// A band bucket holding more reports than this is a generic text ("ok thanks"), not a script.
const MAX_BUCKET: usize = 200;
/// Reports a band bucket remembers for comparison: the latest few are enough to link a new
/// report to the campaign they belong to.
const BUCKET_RECENT: usize = 16;

/// An LSH bucket: how many reports fell in it (for the commonness guard) and the latest ones.
#[derive(Default)]
struct Bucket {
    count: usize,
    recent: Vec<usize>,
}
/// Members of one existing campaign compared with a new report.
const PER_CAMPAIGN: usize = 8;

#[derive(Default)]
pub struct Linker {
    params: LinkParams,
    signatures: Vec<Signature>,
    by_identifier: HashMap<(IndicatorKind, String), Vec<usize>>,
    by_domain: HashMap<String, Vec<usize>>,
    by_persona: HashMap<String, Vec<usize>>,
    by_band: HashMap<i64, Bucket>,
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
                if let Some(bucket) = self.by_band.get(key).filter(|b| b.count <= MAX_BUCKET) {
                    found.extend(&bucket.recent);
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        // A campaign already found needs only its latest few members compared: enough to
        // explain the link, without comparing against every report of a large campaign.
        let mut per_campaign: HashMap<usize, usize> = HashMap::new();
        let mut chosen: Vec<usize> = Vec::with_capacity(found.len());
        for &i in found.iter().rev() {
            let root = self.sets.find(i);
            let seen = per_campaign.entry(root).or_default();
            if *seen < PER_CAMPAIGN {
                *seen += 1;
                chosen.push(i);
            }
        }
        chosen.sort_unstable();
        let counts = |kind: IndicatorKind, value: &str| match kind {
            IndicatorKind::Domain => self.by_domain.get(value).map_or(0, Vec::len),
            _ => self
                .by_identifier
                .get(&(kind, value.to_owned()))
                .map_or(0, Vec::len),
        };
        let signatures = &self.signatures;
        let candidates = chosen
            .iter()
            .filter_map(|&i| Some((i as i64, signatures.get(i)?)));
        let edges = decide_among(&signature, candidates, &counts, &self.params);
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
                let bucket = self.by_band.entry(*key).or_default();
                bucket.count += 1;
                if bucket.recent.len() == BUCKET_RECENT {
                    bucket.recent.remove(0);
                }
                bucket.recent.push(index);
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
