//! Words of a text: maximal runs of letters and digits, split at anything else (spaces, punctuation, a hyphen).
//! The one word splitter of the T rules, of name normalisation ([`crate::names`]), of title comparison and of
//! text similarity ([`crate::similarity`]). Where a word is in the file: [`crate::locate`].

use std::borrow::Cow;

/// A word of a text value: a maximal run of letters and digits (a hyphen or any punctuation separates words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    /// Byte range in the decoded value.
    pub start: usize,
    pub end: usize,
}

impl Word<'_> {
    pub fn is_number(&self) -> bool {
        self.text.chars().all(|c| c.is_ascii_digit())
    }

    pub fn is_alphabetic(&self) -> bool {
        self.text.chars().all(char::is_alphabetic)
    }

    /// Written in capitals only (`MUSRENBANG`), at least one letter.
    pub fn is_upper(&self) -> bool {
        self.text.chars().any(char::is_alphabetic) && !self.text.chars().any(char::is_lowercase)
    }

    /// Capitalised: a capital then lowercase letters only (`Musrenbang`).
    pub fn is_capitalised(&self) -> bool {
        let mut chars = self.text.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase())
    }

    pub fn is_lower(&self) -> bool {
        !self.text.chars().any(char::is_uppercase)
    }
}

/// The words of `value`, with their byte ranges.
pub fn words(value: &str) -> Vec<Word<'_>> {
    // About one word in every six or seven bytes of prose: room for them all at once, rather than growing.
    let mut out = Vec::with_capacity(value.len() / 6 + 1);
    out.extend(each_word(value));
    out
}

/// The words of `value` one at a time, for a caller that keeps something else of each ([`words`] keeps them).
pub fn each_word(value: &str) -> impl Iterator<Item = Word<'_>> {
    let mut chars = value.char_indices();
    std::iter::from_fn(move || {
        let start = chars.by_ref().find(|(_, c)| c.is_alphanumeric())?.0;
        let end = chars
            .by_ref()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(value.len(), |(i, _)| i);
        Some(Word {
            text: &value[start..end],
            start,
            end,
        })
    })
}

/// The words of `text` in lowercase, for comparing texts word by word.
pub fn lowercase(text: &str) -> Vec<String> {
    words(text).iter().map(|w| w.text.to_lowercase()).collect()
}

/// `text` in lowercase, exactly as [`str::to_lowercase`] writes it, borrowed when that changes nothing.
pub fn lower(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        // For ASCII the two lowercasings agree, and the ASCII one needs no table.
        return if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        };
    }
    let unchanged = {
        // A character that lowercases to itself alone; `Σ`, the one character `str::to_lowercase` reads in
        // context, is a capital and so never counts as unchanged.
        text.chars().all(|c| {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        })
    };
    if unchanged {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// `replacement` written with the case of `original`: all capitals, capitalised, or as given.
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters = || original.chars().filter(|c| c.is_alphabetic());
    if letters().count() > 1 && letters().all(char::is_uppercase) {
        replacement.to_uppercase()
    } else if original.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = replacement.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    } else {
        replacement.to_string()
    }
}

/// `text` with its whitespace runs made single spaces, cut to at most `max` characters at a word boundary with
/// `…` when longer: a text quoted whole in a message stays readable and never ends in half a word.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let mut out = String::new();
    for word in text.split(' ') {
        let wanted = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count() + 1;
        if wanted > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // One word longer than the limit: cut inside it rather than quote nothing.
        out = text.chars().take(max.saturating_sub(1)).collect();
    }
    let out = out.trim_end_matches([',', ';', ':', '(', '/', '-', ' ']);
    format!("{out}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_at_a_word_boundary() {
        assert_eq!(
            shorten("Jumlah  dokumen\nperencanaan", 60),
            "Jumlah dokumen perencanaan"
        );
        assert_eq!(
            shorten("Tingkat Kepatuhan penyusunan dokumen Perencanaan dan penganggaran", 50),
            "Tingkat Kepatuhan penyusunan dokumen Perencanaan…"
        );
        assert_eq!(shorten("Tersedianya data, bahan dan laporan", 20), "Tersedianya data…");
        assert_eq!(shorten("Pemberdayaanmasyarakat", 10), "Pemberday…");
        assert!(shorten(&"kata ".repeat(40), 60).chars().count() <= 60);
    }

    #[test]
    fn lower_borrows_only_what_is_already_lowercase() {
        for word in ["kegiatan", "2026", "ñandú", "σοφία", "ß"] {
            assert!(matches!(lower(word), Cow::Borrowed(_)), "{word}");
            assert_eq!(lower(word), word.to_lowercase());
        }
        for word in ["Kegiatan", "SP2D", "Ñandú", "ΣΟΦΊΑ", "ǅ", "İ"] {
            assert!(matches!(lower(word), Cow::Owned(_)), "{word}");
            assert_eq!(lower(word), word.to_lowercase());
        }
    }

    #[test]
    fn splits_words_and_keeps_case() {
        let w: Vec<_> = words("Prosentase (SP2D) rapat-rapat").iter().map(|w| w.text).collect();
        assert_eq!(w, ["Prosentase", "SP2D", "rapat", "rapat"]);
        assert_eq!(
            lowercase("Kasubbag Umum/KEPEGAWAIAN"),
            ["kasubbag", "umum", "kepegawaian"]
        );
        assert_eq!(match_case("PROSENTASE", "persentase"), "PERSENTASE");
        assert_eq!(match_case("Prosentase", "persentase"), "Persentase");
        assert_eq!(match_case("prosentase", "persentase"), "persentase");
    }

    proptest::proptest! {
        /// A word is a maximal run of letters and digits of any script, on any text: accents, other scripts and
        /// their digits among ASCII.
        #[test]
        fn words_are_the_runs_of_alphanumeric_characters(value in "[a-zA-Z0-9 .,/()ÀéñßİΣσ٣一-]{0,40}|\\PC{0,20}") {
            let mut expected = Vec::new();
            let mut start = None;
            for (i, c) in value.char_indices().chain([(value.len(), ' ')]) {
                match (c.is_alphanumeric(), start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        expected.push((s, i));
                        start = None;
                    }
                    _ => {}
                }
            }
            let found: Vec<(usize, usize)> = each_word(&value).map(|w| (w.start, w.end)).collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }
}
