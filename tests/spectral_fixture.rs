//! The fixture of the Spectral comparison (benches/spectral, issue #14): ikilint with the comparison's five rules
//! flags exactly the places that benches/spectral/expected.txt lists, which `cargo bench --bench spectral` holds
//! Spectral's ruleset to as well. Spectral itself (npm, network) runs only in the benchmark.

#[path = "../benches/spectral/places.rs"]
mod places;

#[test]
fn ikilint_flags_the_places_the_spectral_ruleset_is_held_to() {
    let dir = places::bench_dir();
    let flagged = places::code_and_line(&places::ikilint_places(&dir, &dir.join("ikilint.toml"), "fixture.yaml"));
    assert_eq!(flagged, places::expected_places());
}

#[test]
fn every_code_of_the_comparison_has_a_place_in_the_fixture() {
    let codes: std::collections::BTreeSet<String> = places::expected_places().into_iter().map(|(c, _)| c).collect();
    let config = std::fs::read_to_string(places::bench_dir().join("ikilint.toml")).unwrap();
    for code in &codes {
        assert!(
            config.contains(&format!("\"{code}\"")),
            "{code} is not selected in ikilint.toml"
        );
    }
    assert_eq!(codes.len(), 5, "{codes:?}");
}
