//! Arbitrary bytes into `verify_cms`: it must return a report, never panic, whatever the input.
//!
//! Each input is verified twice:
//! - whole, as an attached CMS (purpose SignDocument, the corpus IIN expected);
//! - split: the last byte `n` says how many bytes before it are detached content, the rest is
//!   the CMS; verified for both purposes, no IIN expected. Seed `<file>.p7s ++ document.txt ++
//!   [89]` reaches a valid detached verification (see the README's seeding step).
#![no_main]

use kandas_pki::Purpose;
use kandas_pki_fuzz::{IIN, verify};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = verify(data, None, Purpose::SignDocument, Some(IIN));
    let _ = report.code();

    if let Some((&n, rest)) = data.split_last() {
        let n = usize::from(n);
        if n <= rest.len() {
            let (cms, detached) = rest.split_at(rest.len() - n);
            for purpose in [Purpose::SignDocument, Purpose::Authenticate] {
                let report = verify(cms, Some(detached), purpose, None);
                let _ = report.code();
            }
        }
    }
});
