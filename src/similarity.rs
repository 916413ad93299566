//! Similarity of identifiers and texts, shared by every did-you-mean and by the cascade link suggestions.

/// The candidate most similar to `input` (case-insensitive Jaro-Winkler, ties broken by order), if its score is
/// at least `threshold`.
pub fn closest<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>, threshold: f64) -> Option<&'c str> {
    let input = input.to_lowercase();
    let mut best: Option<(&str, f64)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&input, &candidate.to_lowercase());
        if score >= threshold && best.is_none_or(|(_, b)| score > b) {
            best = Some((candidate, score));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_typo_and_refuses_a_stranger() {
        let keys = ["dokumen", "jabatan"];
        assert_eq!(closest("jabatn", keys, 0.8), Some("jabatan"));
        assert_eq!(closest("Dokumen", keys, 0.8), Some("dokumen"));
        assert_eq!(closest("zzz", keys, 0.8), None);
    }
}
