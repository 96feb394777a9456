//! Linking a batch of new reports, in memory, against the stored reports that share something
//! with the batch and against the batch's own earlier reports, in arrival order. The outcome
//! is the same as storing the reports one at a time: each report sees every earlier report,
//! stored or in the batch, with the same value counts.
//!
//! Reports of the batch have no ids yet, so they appear to `decide` as negative placeholders
//! (`-1` for the first); campaigns the batch starts are tokens until the store allocates ids.
//! When campaigns join, the oldest survives: stored campaigns by id, then new ones in order.

use std::collections::{HashMap, HashSet};

use lurewatch_core::{Candidate, Edge, IndicatorKind, Signature};

use crate::Decide;
use crate::lookup::{StoredSignature, ValueCounts, ValueHolders};

/// A band bucket or value held by more reports than this is generic, not evidence: it finds
/// no candidates (its count still tells `decide` how common it is).
pub(crate) const MAX_BUCKET: usize = 200;
/// Reports of a band bucket compared with a new report: the latest few are enough to link it
/// to the campaign they belong to (as in `lurewatch_link::Linker`).
pub(crate) const BUCKET_RECENT: usize = 16;
/// Members of one campaign compared with a new report: enough to explain the link without
/// comparing against every report of a large campaign.
pub(crate) const PER_CAMPAIGN: usize = 8;

/// A campaign during batch linking: stored (with its id) or started by this batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum CampaignToken {
    Stored(i64),
    New(usize),
}

/// The placeholder id of the batch's `index`-th report.
pub(crate) fn placeholder(index: usize) -> i64 {
    -1 - i64::try_from(index).unwrap_or(i64::MAX - 1)
}

/// The batch index a placeholder stands for, if it is one.
pub(crate) fn batch_index(id: i64) -> Option<usize> {
    (id < 0).then(|| usize::try_from(-1 - id).ok()).flatten()
}

/// What the database knows that the batch touches.
pub(crate) struct StoredContext {
    /// How many stored reports hold each value.
    pub counts: ValueCounts,
    /// Who holds each value not too common to link: the latest [`PER_CAMPAIGN`] holders of
    /// each campaign, which is all that can be compared.
    pub holders: ValueHolders,
    /// Members of each band bucket not yet known to be common.
    pub bands: HashMap<i64, Vec<i64>>,
    /// Band buckets known to be too common.
    pub common_bands: HashSet<i64>,
    /// Campaigns analysts split apart (smaller id first): never joined again by linking.
    pub separations: HashSet<(i64, i64)>,
    pub signatures: HashMap<i64, StoredSignature>,
}

/// The values a signature is found by: identifiers, domains and personas.
pub(crate) fn linking_values(signature: &Signature) -> Vec<(IndicatorKind, String)> {
    let mut values = signature.identifiers.clone();
    values.extend(
        signature
            .domains
            .iter()
            .map(|d| (IndicatorKind::Domain, d.clone())),
    );
    values.extend(
        signature
            .personas
            .iter()
            .map(|p| (IndicatorKind::Persona, p.clone())),
    );
    values
}

pub(crate) struct BatchLinker<'a> {
    stored: &'a StoredContext,
    decide: Decide<'a>,
    holders: HashMap<(IndicatorKind, String), Vec<usize>>,
    bands: HashMap<i64, Vec<usize>>,
    signatures: Vec<Option<Signature>>,
    tokens: Vec<Option<CampaignToken>>,
    parent: HashMap<CampaignToken, CampaignToken>,
    /// Root campaigns that must stay apart (smaller token first).
    apart: HashSet<(CampaignToken, CampaignToken)>,
    next_new: usize,
}

fn ordered(a: CampaignToken, b: CampaignToken) -> (CampaignToken, CampaignToken) {
    (a.min(b), a.max(b))
}

impl<'a> BatchLinker<'a> {
    pub(crate) fn new(stored: &'a StoredContext, decide: Decide<'a>) -> Self {
        BatchLinker {
            stored,
            decide,
            holders: HashMap::new(),
            bands: HashMap::new(),
            signatures: Vec::new(),
            tokens: Vec::new(),
            parent: HashMap::new(),
            apart: stored
                .separations
                .iter()
                .map(|&(a, b)| ordered(CampaignToken::Stored(a), CampaignToken::Stored(b)))
                .collect(),
            next_new: 0,
        }
    }

    /// Links the next report of the batch; returns its edges (batch reports as placeholders).
    /// Unlinkable reports get no edges and no campaign.
    pub(crate) fn push(&mut self, signature: &Signature) -> Vec<Edge> {
        let index = self.signatures.len();
        if !signature.linkable {
            self.signatures.push(None);
            self.tokens.push(None);
            return Vec::new();
        }
        let values = linking_values(signature);
        let candidates = self.candidates(&values, &signature.band_keys);
        let counts = |kind: IndicatorKind, value: &str| {
            let key = (kind, value.to_owned());
            self.stored.counts.get(&key).copied().unwrap_or(0)
                + self.holders.get(&key).map_or(0, Vec::len)
        };
        let edges = (self.decide)(signature, &candidates, &counts);
        let token = self.join(&edges);
        for value in values {
            self.holders.entry(value).or_default().push(index);
        }
        for key in &signature.band_keys {
            self.bands.entry(*key).or_default().push(index);
        }
        self.signatures.push(Some(signature.clone()));
        self.tokens.push(Some(token));
        edges
    }

    /// Stored reports (oldest first), then earlier reports of the batch, sharing a value or
    /// one of the latest members of a band bucket, neither too common; at most
    /// [`PER_CAMPAIGN`] of the latest of each campaign.
    fn candidates(&mut self, values: &[(IndicatorKind, String)], keys: &[i64]) -> Vec<Candidate> {
        let mut stored_ids: HashSet<i64> = HashSet::new();
        let mut batch_ids: HashSet<usize> = HashSet::new();
        let mut consider =
            |stored: Option<&Vec<i64>>, count: usize, batch: Option<&Vec<usize>>, recent: usize| {
                let stored = stored.map_or(&[][..], Vec::as_slice);
                let batch = batch.map_or(&[][..], Vec::as_slice);
                if count.max(stored.len()) + batch.len() > MAX_BUCKET {
                    return;
                }
                // Members are in arrival order: the batch's come after the stored ones.
                let from_batch = batch.len().min(recent);
                let from_stored = (recent - from_batch).min(stored.len());
                batch_ids.extend(batch.iter().skip(batch.len() - from_batch));
                stored_ids.extend(stored.iter().skip(stored.len() - from_stored));
            };
        for value in values {
            consider(
                self.stored.holders.get(value),
                self.stored.counts.get(value).copied().unwrap_or(0),
                self.holders.get(value),
                MAX_BUCKET,
            );
        }
        for key in keys {
            if !self.stored.common_bands.contains(key) {
                consider(
                    self.stored.bands.get(key),
                    0,
                    self.bands.get(key),
                    BUCKET_RECENT,
                );
            }
        }
        let mut found: Vec<i64> = stored_ids.into_iter().collect();
        found.extend(batch_ids.into_iter().map(placeholder));
        // Arrival order: stored ids ascending, then the batch (placeholders descending).
        found.sort_unstable_by_key(|&id| match batch_index(id) {
            Some(i) => (1, i64::try_from(i).unwrap_or(i64::MAX)),
            None => (0, id),
        });
        let mut per_campaign: HashMap<CampaignToken, usize> = HashMap::new();
        let mut chosen: Vec<i64> = Vec::with_capacity(found.len());
        for &id in found.iter().rev() {
            let Some(token) = self.campaign_of(id) else {
                continue;
            };
            let root = self.find(token);
            let seen = per_campaign.entry(root).or_default();
            if *seen < PER_CAMPAIGN {
                *seen += 1;
                chosen.push(id);
            }
        }
        chosen.reverse();
        chosen
            .into_iter()
            .filter_map(|id| {
                let signature = match batch_index(id) {
                    Some(i) => self.signatures.get(i).and_then(Option::as_ref),
                    None => self
                        .stored
                        .signatures
                        .get(&id)
                        .map(|s| s.signature.as_ref()),
                };
                signature.map(|s| Candidate {
                    report: id,
                    signature: s.clone(),
                })
            })
            .collect()
    }

    /// The campaign a stored report or an earlier report of the batch is in.
    fn campaign_of(&self, id: i64) -> Option<CampaignToken> {
        match batch_index(id) {
            Some(i) => self.tokens.get(i).copied().flatten(),
            None => self
                .stored
                .signatures
                .get(&id)
                .and_then(|s| s.campaign)
                .map(CampaignToken::Stored),
        }
    }

    fn find(&mut self, token: CampaignToken) -> CampaignToken {
        let mut root = token;
        while let Some(&up) = self.parent.get(&root) {
            root = up;
        }
        let mut at = token;
        while let Some(&up) = self.parent.get(&at) {
            self.parent.insert(at, root);
            at = up;
        }
        root
    }

    /// The campaign of a report linked by these edges: the oldest of its neighbours'
    /// campaigns, the others merged into it, or a new one.
    fn join(&mut self, edges: &[Edge]) -> CampaignToken {
        let mut roots: Vec<CampaignToken> = Vec::new();
        for edge in edges {
            if let Some(token) = self.campaign_of(edge.other) {
                let root = self.find(token);
                roots.push(root);
            }
        }
        roots.sort_unstable();
        roots.dedup();
        let Some(&keep) = roots.first() else {
            self.next_new += 1;
            return CampaignToken::New(self.next_new - 1);
        };
        for other in roots.into_iter().skip(1) {
            // An analyst split these apart: the report joins the older one only.
            if self.apart.contains(&ordered(keep, other)) {
                continue;
            }
            self.parent.insert(other, keep);
            let inherited: Vec<(CampaignToken, CampaignToken)> = self
                .apart
                .iter()
                .filter(|(a, b)| *a == other || *b == other)
                .map(|&(a, b)| ordered(keep, if a == other { b } else { a }))
                .collect();
            self.apart.extend(inherited);
        }
        keep
    }

    /// Each report's final campaign (after every merge in the batch) and the stored
    /// campaigns merged into another, as (merged, kept).
    pub(crate) fn finish(mut self) -> (Vec<Option<CampaignToken>>, Vec<(i64, CampaignToken)>) {
        let tokens: Vec<Option<CampaignToken>> = self.tokens.clone();
        let finals = tokens
            .into_iter()
            .map(|t| t.map(|t| self.find(t)))
            .collect();
        let stored: Vec<CampaignToken> = self
            .parent
            .keys()
            .copied()
            .filter(|t| matches!(t, CampaignToken::Stored(_)))
            .collect();
        let mut merges: Vec<(i64, CampaignToken)> = stored
            .into_iter()
            .filter_map(|t| match t {
                CampaignToken::Stored(id) => Some((id, self.find(t))),
                CampaignToken::New(_) => None,
            })
            .collect();
        merges.sort_unstable();
        (finals, merges)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(number: &str) -> Signature {
        Signature {
            identifiers: vec![(IndicatorKind::Phone, number.to_owned())],
            domains: Vec::new(),
            personas: Vec::new(),
            minhash: None,
            band_keys: Vec::new(),
            text_chars: 0,
            linkable: true,
            suspicious: true,
        }
    }

    fn same_number(
        s: &Signature,
        c: &[Candidate],
        _: &dyn Fn(IndicatorKind, &str) -> usize,
    ) -> Vec<Edge> {
        c.iter()
            .filter(|c| c.signature.identifiers == s.identifiers)
            .map(|c| Edge {
                other: c.report,
                reasons: vec!["same number".to_owned()],
            })
            .collect()
    }

    /// Links a report to every candidate, for tests about campaigns rather than decisions.
    fn link_to_every_candidate(
        _: &Signature,
        c: &[Candidate],
        _: &dyn Fn(IndicatorKind, &str) -> usize,
    ) -> Vec<Edge> {
        c.iter()
            .map(|c| Edge {
                other: c.report,
                reasons: Vec::new(),
            })
            .collect()
    }

    fn stored(entries: &[(i64, &str, i64)]) -> StoredContext {
        let mut context = StoredContext {
            counts: HashMap::new(),
            holders: HashMap::new(),
            bands: HashMap::new(),
            common_bands: HashSet::new(),
            separations: HashSet::new(),
            signatures: HashMap::new(),
        };
        for (id, number, campaign) in entries {
            let key = (IndicatorKind::Phone, (*number).to_owned());
            *context.counts.entry(key.clone()).or_default() += 1;
            context.holders.entry(key).or_default().push(*id);
            context.signatures.insert(
                *id,
                StoredSignature {
                    signature: std::sync::Arc::new(sig(number)),
                    campaign: Some(*campaign),
                },
            );
        }
        context
    }

    #[test]
    fn batch_reports_link_to_each_other_and_to_stored_ones() {
        let context = stored(&[(10, "+1", 3)]);
        let mut linker = BatchLinker::new(&context, &same_number);
        assert!(linker.push(&sig("+2")).is_empty());
        let edges = linker.push(&sig("+2"));
        assert_eq!(edges.first().map(|e| e.other), Some(placeholder(0)));
        let edges = linker.push(&sig("+1"));
        assert_eq!(edges.first().map(|e| e.other), Some(10));
        let (finals, merges) = linker.finish();
        assert_eq!(
            finals,
            vec![
                Some(CampaignToken::New(0)),
                Some(CampaignToken::New(0)),
                Some(CampaignToken::Stored(3))
            ]
        );
        assert!(merges.is_empty());
    }

    #[test]
    fn a_bridge_merges_into_the_oldest_campaign() {
        let context = stored(&[(10, "+1", 7), (11, "+2", 4)]);
        let mut bridge = sig("+1");
        bridge
            .identifiers
            .push((IndicatorKind::Phone, "+2".to_owned()));
        bridge
            .identifiers
            .push((IndicatorKind::Phone, "+3".to_owned()));
        // Links to every candidate: the bridge shares a number with each of the three.
        let mut linker = BatchLinker::new(&context, &link_to_every_candidate);
        linker.push(&sig("+3"));
        linker.push(&bridge);
        let (finals, merges) = linker.finish();
        assert_eq!(finals, vec![Some(CampaignToken::Stored(4)); 2]);
        assert_eq!(merges, vec![(7, CampaignToken::Stored(4))]);
    }

    #[test]
    fn campaigns_an_analyst_split_are_not_joined_again() {
        let mut context = stored(&[(10, "+1", 7), (11, "+2", 4)]);
        context.separations.insert((4, 7));
        let mut bridge = sig("+1");
        bridge
            .identifiers
            .push((IndicatorKind::Phone, "+2".to_owned()));
        let mut linker = BatchLinker::new(&context, &link_to_every_candidate);
        linker.push(&bridge);
        let (finals, merges) = linker.finish();
        assert_eq!(finals, vec![Some(CampaignToken::Stored(4))]);
        assert!(merges.is_empty(), "{merges:?}");
    }

    #[test]
    fn unlinkable_reports_get_no_campaign() {
        let context = stored(&[]);
        let mut linker = BatchLinker::new(&context, &same_number);
        let mut quiet = sig("+1");
        quiet.linkable = false;
        assert!(linker.push(&quiet).is_empty());
        assert_eq!(linker.finish().0, vec![None]);
    }
}
