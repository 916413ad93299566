//! NIP parsing: never a panic, and the canonical form parses back to the same digits.
#![no_main]
use ikilint::nip::{Nip, is_placeholder};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let _ = is_placeholder(&text);
    let Ok(nip) = Nip::parse(&text) else { return };
    let canonical = nip.canonical();
    let again = Nip::parse(&canonical).expect("the canonical form parses");
    assert_eq!(again.digits(), nip.digits());
    assert_eq!(again.canonical(), canonical);
    if let Ok(decoded) = nip.decode() {
        let _ = (decoded.tmt_date(), decoded.age_at_tmt(), decoded.tmt_text());
    }
});
