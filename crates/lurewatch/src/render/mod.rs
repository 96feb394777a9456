//! Presenting an analysis: JSON for scripts (the DESIGN.md contract) and text for people.

pub mod json;
pub mod text;

/// A score as the report shows it: cut, not rounded, to two places, so that it stays in its
/// verdict's band (0.6996 is medium, and 0.70 would read as high). The rules' scores already
/// have two places; a score the classifier raised into the medium band does not.
pub(crate) fn two_places(score: f64) -> f64 {
    // The small lift keeps 0.29, stored as 0.28999…, from becoming 0.28.
    ((score * 100.0) + 1e-9).floor() / 100.0
}

#[cfg(test)]
mod tests {
    use super::two_places;

    #[test]
    fn a_score_is_cut_to_two_places_and_stays_in_its_band() {
        assert_eq!(two_places(0.6996), 0.69);
        assert_eq!(two_places(0.6491214407336277), 0.64);
        assert_eq!(two_places(0.29), 0.29);
        assert_eq!(two_places(0.4), 0.4);
        assert_eq!(two_places(0.7), 0.7);
        assert_eq!(two_places(0.0), 0.0);
    }
}
