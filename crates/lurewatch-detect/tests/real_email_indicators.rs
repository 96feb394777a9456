//! The indicators of real phishing e-mail (`../shared/data/phishing-pot-eml`): what linking
//! and partner exports are built from. Importing the set once joined 14 e-mails into one
//! campaign through CSS (`@media` read as a handle) and the hash of empty attachments, and
//! split one sender in two by a no-break space before the address. Skipped, loudly, where the
//! data is absent.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use lurewatch_core::{IndicatorKind, ParseOptions, parse_bytes};
use lurewatch_detect::Detector;

#[test]
fn real_phishing_email_leaves_no_indicator_about_no_one() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/phishing-pot-eml");
    if !dir.is_dir() {
        eprintln!(
            "SKIPPED: {} is absent; this test needs ../shared/data",
            dir.display()
        );
        return;
    }
    let detector = Detector::with_embedded_rules("GB").unwrap();
    let mut indicators = 0;
    for folder in ["sample", "sextortion"] {
        for entry in std::fs::read_dir(dir.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let name = path.display().to_string();
            for email in parse_bytes(&name, &bytes, &ParseOptions::default()).unwrap() {
                for indicator in detector.analyze(&email).indicators {
                    let value = indicator.value.as_str();
                    assert_eq!(value, value.trim(), "{name}: {indicator:?}");
                    assert!(
                        !(indicator.kind == IndicatorKind::Handle
                            && ["@media", "@import", "@font", "@keyframes"].contains(&value)),
                        "{name}: {indicator:?}"
                    );
                    assert!(
                        !value.starts_with("e3b0c44298fc1c149afbf4c8996fb924"),
                        "{name}: {indicator:?}"
                    );
                    assert!(
                        !email
                            .reporter_addresses
                            .iter()
                            .any(|own| own.eq_ignore_ascii_case(value)),
                        "{name}: {indicator:?}"
                    );
                    indicators += 1;
                }
            }
        }
    }
    assert!(indicators > 1000, "{indicators}");
}
