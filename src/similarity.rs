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

/// The one word of a closed set that `input` misspells: the only candidate at Jaro-Winkler `threshold` or more
/// (case-insensitive), or `None` when none or several are that close. For fixes that must not pick wrongly.
pub fn unique_closest<'c>(input: &str, candidates: &[&'c str], threshold: f64) -> Option<&'c str> {
    let input = input.trim().to_lowercase();
    let mut close = candidates
        .iter()
        .filter(|c| strsim::jaro_winkler(&input, &c.to_lowercase()) >= threshold);
    match (close.next(), close.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// The identifier nearest to `input` for a did-you-mean on references: the fewest edits (a transposition counts as
/// one, so `uij` finds `uji`), at most one edit per three characters (at least one), ties broken by Jaro-Winkler
/// and then by order. Case-insensitive.
pub fn closest_id<'c>(input: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let input = input.to_lowercase();
    let limit = (input.chars().count() / 3).max(1);
    let mut best: Option<(&str, usize, f64)> = None;
    for candidate in candidates {
        let lower = candidate.to_lowercase();
        let distance = strsim::osa_distance(&input, &lower);
        if distance > limit {
            continue;
        }
        let score = strsim::jaro_winkler(&input, &lower);
        if best.is_none_or(|(_, d, s)| distance < d || (distance == d && score > s)) {
            best = Some((candidate, distance, score));
        }
    }
    best.map(|(c, _, _)| c)
}

/// Leading result words of an Indonesian sasaran or indicator ("Meningkatnya …", "Tersedianya …"): they say that
/// something happens, not what, so two texts are compared without them.
const RESULT_PREFIXES: &[&str] = &[
    "meningkatnya",
    "menurunnya",
    "terlaksananya",
    "terlaksana",
    "tersedianya",
    "tersedia",
    "tersusunnya",
    "tersusun",
    "terpenuhinya",
    "terwujudnya",
    "terciptanya",
    "tercapainya",
    "tercapai",
    "terselenggaranya",
    "terpeliharanya",
    "terbinanya",
    "terkendalinya",
    "terfasilitasinya",
    "terkelolanya",
    "lancarnya",
    "optimalnya",
    "meningkatkan",
    "peningkatan",
    "persentase",
    "prosentase",
    "presentase",
    "jumlah",
    "banyaknya",
    "tingkat",
    "rasio",
    "nilai",
    "indeks",
];

/// Words that carry no subject in a sasaran: function words, and "data"/"bahan", which a staff position puts in
/// front of its superior's subject ("Tersedianya data Musrenbang" serves "Terlaksananya Musrenbang").
const FILLER_WORDS: &[&str] = &[
    "data",
    "bahan",
    "dan",
    "atau",
    "di",
    "ke",
    "dari",
    "yang",
    "dalam",
    "untuk",
    "pada",
    "terhadap",
    "atas",
    "serta",
    "oleh",
    "dengan",
    "bagi",
    "se",
    "sesuai",
    "melalui",
    "kec",
    "kecamatan",
    "wilayah",
    "lingkungan",
    "kualitas",
];

/// The content words of an Indonesian text for comparison: lowercase, punctuation removed, leading result words
/// (Meningkatnya, Terlaksananya, Tersedianya, …, and unit words such as Persentase) and filler words dropped.
pub fn content_words(text: &str) -> Vec<String> {
    let words = crate::words::lowercase(text);
    let mut start = 0;
    while start < words.len() && RESULT_PREFIXES.contains(&words[start].as_str()) {
        start += 1;
    }
    words[start..]
        .iter()
        .filter(|w| !FILLER_WORDS.contains(&w.as_str()))
        .cloned()
        .collect()
}

/// How alike two texts are in what they are about, from 0 to 1: overlap of their [`content_words`] (a word
/// matches a near-identical spelling, so `ketentraman` meets `ketenteraman`) blended with the edit similarity of
/// the remaining texts. Symmetric; two texts with no content words score 0.
pub fn text_similarity(a: &str, b: &str) -> f64 {
    words_similarity(&content_words(a), &content_words(b))
}

/// [`text_similarity`] on words already split by [`content_words`] (to split each candidate once).
pub fn words_similarity(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let matched = |from: &[String], to: &[String]| -> f64 {
        from.iter()
            .map(|w| to.iter().map(|v| word_match(w, v)).fold(0.0, f64::max))
            .sum::<f64>()
    };
    let overlap = (matched(a, b) + matched(b, a)) / (a.len() + b.len()) as f64;
    let edit = strsim::normalized_levenshtein(&a.join(" "), &b.join(" "));
    0.8 * overlap + 0.2 * edit
}

/// The Jaro-Winkler score at or above which two words are near spellings of each other.
const NEAR_SPELLING: f64 = 0.92;

/// 1 for the same word, a partial score for a near spelling (a typo or a spelling variant), else 0.
pub fn word_match(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.chars().count() < 4 || b.chars().count() < 4 {
        return 0.0;
    }
    let score = strsim::jaro_winkler(a, b);
    if score >= NEAR_SPELLING { score } else { 0.0 }
}

/// The lengths in characters a word of `length` characters can match with [`word_match`] (itself included), so
/// that a search for near spellings skips the rest. Jaro-Winkler adds at most 0.4 × (1 − Jaro), so a score of
/// 0.92 needs a Jaro score of 0.8667; with `m` matching characters, `m/short + m/long ≥ 1.6`, so the shorter
/// word is at least 0.6 of the longer and at least 0.8 of its characters occur in the longer one.
pub fn near_lengths(length: usize) -> (usize, usize) {
    (length * 3 / 5, length * 5 / 3 + 1)
}

/// The letters of a word as bits (a–z, digits, the rest folded onto five bits), to rule out a near spelling with
/// one operation instead of comparing the words.
pub fn letter_bits(word: &str) -> u32 {
    word.chars()
        .map(|c| match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << 26,
            _ => 1 << (27 + c as u32 % 5),
        })
        .fold(0, |bits, bit| bits | bit)
}

/// Whether two words, given as ([`letter_bits`], length in characters), can score above 0 in [`word_match`]: at
/// most a fifth of the shorter word's characters may be missing from the longer (see [`near_lengths`]), and each
/// letter it has that the longer lacks is at least one missing character.
pub fn may_be_near(a: (u32, usize), b: (u32, usize)) -> bool {
    let (short, long) = if a.1 <= b.1 { (a, b) } else { (b, a) };
    5 * (short.0 & !long.0).count_ones() as usize <= short.1
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

    #[test]
    fn closest_id_counts_edits() {
        assert_eq!(closest_id("uij", ["uji", "kec"]), Some("uji"));
        assert_eq!(closest_id("camta", ["camat", "kasi"]), Some("camat"));
        assert_eq!(closest_id("S9", ["S1", "S2"]), Some("S1"));
        assert_eq!(closest_id("bupati", ["camat", "kasi"]), None);
    }

    #[test]
    fn content_words_drop_result_prefixes_and_fillers() {
        assert_eq!(content_words("Tersedianya data Musrenbang Kecamatan"), ["musrenbang"]);
        assert_eq!(content_words("Terlaksananya Musrenbang Kecamatan"), ["musrenbang"]);
        assert_eq!(
            content_words("Tersedianya data/bahan pembinaan/Fasilitasi aparatur"),
            ["pembinaan", "fasilitasi", "aparatur"]
        );
        assert!(content_words("Meningkatnya").is_empty());
    }

    #[test]
    fn the_letter_screen_never_rules_out_a_near_spelling() {
        let words = [
            "layanan",
            "pelayanan",
            "ketentraman",
            "ketenteraman",
            "musrenbang",
            "musrtenbang",
            "administrasi",
            "perkantoran",
            "pelaporan",
            "laporan",
            "kegiatan",
            "kegitan",
            "babacidu",
            "babacife",
        ];
        for a in words {
            for b in words {
                let (la, lb) = (a.chars().count(), b.chars().count());
                if word_match(a, b) > 0.0 {
                    assert!(may_be_near((letter_bits(a), la), (letter_bits(b), lb)), "{a} {b}");
                    let (low, high) = near_lengths(la);
                    assert!((low..=high).contains(&lb), "{a} {b}");
                }
            }
        }
        assert!(!may_be_near((letter_bits("layanan"), 7), (letter_bits("kwitansi"), 8)));
    }

    #[test]
    fn text_similarity_prefers_the_same_subject() {
        let own = "Tersedianya data Musrenbang Kecamatan";
        let good = text_similarity(own, "Terlaksananya Musrenbang Kecamatan");
        let bad = text_similarity(own, "Meningkatnya Pelayanan Publik Kecamatan Masama");
        assert!(good > 0.9, "{good}");
        assert!(bad < 0.3, "{bad}");
        assert!(text_similarity("ketentraman dan ketertiban", "Meningkatnya ketenteraman dan ketertiban") > 0.9);
        assert_eq!(text_similarity("Meningkatnya", "Meningkatnya"), 0.0);
    }
}
