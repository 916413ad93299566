//! A small NIP decoder for hover only (Perka BKN 22/2007: `YYYYMMDD YYYYMM G NNN`; NI PPPK: middle group
//! `YYYY` + `2` + contract count). Stand-in until `crate::nip` is merged; then hover should use that one.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// TMT CPNS year and month.
    Pns { year: i32, month: u32 },
    /// Year of appointment and contract count.
    Pppk { year: i32, contract: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nip {
    pub birth: (i32, u32, u32),
    pub kind: Kind,
    /// `1` male, `2` female (anything else is kept as written).
    pub gender: u32,
    pub sequence: u32,
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Decode an NIP as written (spaces allowed); `None` unless it is 18 digits with a real birth date and a
/// readable middle group.
pub fn decode(text: &str) -> Option<Nip> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let num = |range: std::ops::Range<usize>| digits[range].parse::<u32>().ok();
    let (by, bm, bd) = (num(0..4)? as i32, num(4..6)?, num(6..8)?);
    if !(1..=12).contains(&bm) || bd == 0 || bd > days_in_month(by, bm) {
        return None;
    }
    let year = num(8..12)? as i32;
    let month = num(12..14)?;
    let kind = if (1..=12).contains(&month) {
        Kind::Pns { year, month }
    } else if (21..=29).contains(&month) {
        Kind::Pppk {
            year,
            contract: month - 20,
        }
    } else {
        return None;
    };
    Some(Nip {
        birth: (by, bm, bd),
        kind,
        gender: num(14..15)?,
        sequence: num(15..18)?,
    })
}

impl Nip {
    /// Whole years of age on the first day of the TMT month (PNS) or during the appointment year (PPPK).
    pub fn age_at_tmt(&self) -> i32 {
        let (by, bm, bd) = self.birth;
        match self.kind {
            Kind::Pns { year, month } => year - by - i32::from((month, 1) < (bm, bd)),
            Kind::Pppk { year, .. } => year - by,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_pns_and_pppk_and_refuses_bad_dates() {
        let pns = decode("19680125 198611 1 001").expect("valid");
        assert_eq!(pns.birth, (1968, 1, 25));
        assert_eq!(pns.kind, Kind::Pns { year: 1986, month: 11 });
        assert_eq!(pns.age_at_tmt(), 18);
        let pppk = decode("198501012022212003").expect("valid");
        assert_eq!(
            pppk.kind,
            Kind::Pppk {
                year: 2022,
                contract: 1
            }
        );
        assert_eq!(pppk.gender, 2);
        assert_eq!(decode("19680230 198611 1 001"), None);
        assert_eq!(decode("19680125 198613 1 001"), None);
        assert_eq!(decode("1968012519861110"), None);
    }
}
