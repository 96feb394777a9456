//! Presenting an analysis: JSON for scripts (the DESIGN.md contract) and text for people.

pub mod json;
pub mod text;
