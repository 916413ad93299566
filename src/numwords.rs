//! Indonesian number words, both ways: `29` ⇄ `dua puluh sembilan`, `1000` ⇄ `seribu`.
//!
//! Counts in IKI documents are written as a numeral and its words, `5 (lima) dokumen`; rules compare the two.
//! [`to_words`] writes the standard form (KBBI: *sepuluh*, *sebelas*, *seratus*, *seribu*); [`parse`] reads the
//! standard form and the common variants (`satu ratus`, `satu juta`, `nol`, any letter case, extra spaces).

const UNITS: [&str; 10] = [
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
];

/// The words of `n` in standard Indonesian (`0` → `nol`). Numbers up to the trillions are spelled out.
pub fn to_words(n: u64) -> String {
    if n == 0 {
        return UNITS[0].to_string();
    }
    let mut parts: Vec<String> = Vec::new();
    let scales: [(u64, &str); 4] = [
        (1_000_000_000_000, "triliun"),
        (1_000_000_000, "miliar"),
        (1_000_000, "juta"),
        (1_000, "ribu"),
    ];
    let mut rest = n;
    for (size, name) in scales {
        let group = rest / size;
        rest %= size;
        if group == 0 {
            continue;
        }
        if group == 1 && size == 1_000 {
            parts.push("seribu".to_string());
        } else {
            parts.push(format!("{} {name}", below_thousand(group)));
        }
    }
    if rest > 0 {
        parts.push(below_thousand(rest));
    }
    parts.join(" ")
}

fn below_thousand(n: u64) -> String {
    debug_assert!(n > 0 && n < 1000);
    let mut parts: Vec<String> = Vec::new();
    let hundreds = n / 100;
    let rest = n % 100;
    match hundreds {
        0 => {}
        1 => parts.push("seratus".to_string()),
        h => parts.push(format!("{} ratus", UNITS[h as usize])),
    }
    match rest {
        0 => {}
        1..=9 => parts.push(UNITS[rest as usize].to_string()),
        10 => parts.push("sepuluh".to_string()),
        11 => parts.push("sebelas".to_string()),
        12..=19 => parts.push(format!("{} belas", UNITS[(rest - 10) as usize])),
        _ => {
            parts.push(format!("{} puluh", UNITS[(rest / 10) as usize]));
            if !rest.is_multiple_of(10) {
                parts.push(UNITS[(rest % 10) as usize].to_string());
            }
        }
    }
    parts.join(" ")
}

/// True when `word` (any case) is one of the words numbers are spelled with.
pub fn is_number_word(word: &str) -> bool {
    let w = crate::words::lower(word);
    UNITS.contains(&w.as_ref())
        || matches!(
            w.as_ref(),
            "sepuluh"
                | "sebelas"
                | "seratus"
                | "seribu"
                | "sejuta"
                | "belas"
                | "puluh"
                | "ratus"
                | "ribu"
                | "juta"
                | "miliar"
                | "milyar"
                | "triliun"
        )
}

/// The value of Indonesian number words, or `None` when `text` is not a well-formed number in words.
///
/// Reads groups below a thousand (`dua ratus tiga puluh empat`) followed by a scale word (`ribu`, `juta`, …),
/// largest scale first. Rejects anything else (`dua tiga`, `puluh`, `lima kali`), so that a sentence is never
/// mistaken for a number.
pub fn parse(text: &str) -> Option<u64> {
    let words: Vec<String> = text.split_whitespace().map(|w| w.to_lowercase()).collect();
    if words.is_empty() {
        return None;
    }
    if words.len() == 1 && words[0] == "nol" {
        return Some(0);
    }
    let mut total: u64 = 0;
    let mut last_scale: u64 = u64::MAX;
    let mut group = Group::default();
    for word in &words {
        let scale = match word.as_str() {
            "ribu" => Some(1_000),
            "juta" => Some(1_000_000),
            "miliar" | "milyar" => Some(1_000_000_000),
            "triliun" => Some(1_000_000_000_000),
            _ => None,
        };
        if let Some(scale) = scale {
            let value = group.value()?;
            if value == 0 || scale >= last_scale {
                return None;
            }
            total = total.checked_add(value.checked_mul(scale)?)?;
            last_scale = scale;
            group = Group::default();
            continue;
        }
        match word.as_str() {
            "seribu" | "sejuta" => {
                let scale = if word == "seribu" { 1_000 } else { 1_000_000 };
                if !group.is_empty() || scale >= last_scale {
                    return None;
                }
                total += scale;
                last_scale = scale;
            }
            _ => group.push(word)?,
        }
    }
    let value = group.value()?;
    if words.len() > 1 && value == 0 && group.is_empty() && total == 0 {
        return None;
    }
    total.checked_add(value)
}

/// A group below a thousand being read: hundreds, tens, a pending unit word.
#[derive(Default)]
struct Group {
    hundreds: Option<u64>,
    tens: Option<u64>,
    unit: Option<u64>,
    /// The tens were written as a teen (`sebelas`, `dua belas`, `sepuluh`): nothing may follow.
    closed: bool,
}

impl Group {
    fn is_empty(&self) -> bool {
        self.hundreds.is_none() && self.tens.is_none() && self.unit.is_none()
    }

    fn push(&mut self, word: &str) -> Option<()> {
        if self.closed {
            return None;
        }
        if let Some(d) = UNITS.iter().position(|u| *u == word) {
            if d == 0 || self.unit.is_some() {
                return None;
            }
            self.unit = Some(d as u64);
            return Some(());
        }
        match word {
            "sepuluh" | "sebelas" => {
                if self.unit.is_some() || self.tens.is_some() {
                    return None;
                }
                self.tens = Some(if word == "sepuluh" { 10 } else { 11 });
                self.closed = true;
            }
            "belas" => {
                let unit = self.unit.take()?;
                if self.tens.is_some() {
                    return None;
                }
                self.tens = Some(10 + unit);
                self.closed = true;
            }
            "puluh" => {
                let unit = self.unit.take()?;
                if self.tens.is_some() {
                    return None;
                }
                self.tens = Some(unit * 10);
            }
            "seratus" => {
                if !self.is_empty() {
                    return None;
                }
                self.hundreds = Some(100);
            }
            "ratus" => {
                let unit = self.unit.take()?;
                if self.hundreds.is_some() || self.tens.is_some() {
                    return None;
                }
                self.hundreds = Some(unit * 100);
            }
            _ => return None,
        }
        Some(())
    }

    fn value(&self) -> Option<u64> {
        Some(self.hundreds.unwrap_or(0) + self.tens.unwrap_or(0) + self.unit.unwrap_or(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_zero_to_ten_thousand() {
        for n in 0..=10_000u64 {
            let words = to_words(n);
            assert_eq!(parse(&words), Some(n), "{n} → {words}");
        }
    }

    #[test]
    fn standard_forms() {
        assert_eq!(to_words(10), "sepuluh");
        assert_eq!(to_words(11), "sebelas");
        assert_eq!(to_words(12), "dua belas");
        assert_eq!(to_words(29), "dua puluh sembilan");
        assert_eq!(to_words(100), "seratus");
        assert_eq!(to_words(115), "seratus lima belas");
        assert_eq!(to_words(1000), "seribu");
        assert_eq!(to_words(2500), "dua ribu lima ratus");
        assert_eq!(to_words(1_000_000), "satu juta");
        assert_eq!(to_words(10_000), "sepuluh ribu");
    }

    #[test]
    fn variants_and_rejections() {
        assert_eq!(parse("Dua  Puluh Sembilan"), Some(29));
        assert_eq!(parse("satu ratus"), Some(100));
        assert_eq!(parse("satu juta dua ratus ribu"), Some(1_200_000));
        assert_eq!(parse("lima"), Some(5));
        for bad in [
            "",
            "dua tiga",
            "puluh",
            "lima kali",
            "sebelas dua",
            "ribu",
            "seratus seratus",
            "nol nol",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert!(is_number_word("Sembilan") && !is_number_word("dokumen"));
    }
}
