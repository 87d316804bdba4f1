//! Hostile input never panics: random bytes, and random mutations of a valid CMS.

use kandas_pki::{Purpose, Verdict, verify_cms};
use proptest::prelude::*;

use crate::corpus::{self, Crls};

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let report = verify_cms(&bytes, None, Purpose::SignDocument, None, &corpus::trust(), &Crls::Current.revocation(), corpus::now());
        prop_assert_ne!(report.verdict, Verdict::Valid);
    }

    #[test]
    fn mutated_cms_never_panics(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut cms = corpus::read("cms/rsa-attached.p7s");
        for (at, byte) in edits {
            let i = at.index(cms.len());
            cms[i] = byte;
        }
        if truncate {
            cms.truncate(cut.index(cms.len()));
        }
        let report = verify_cms(&cms, None, Purpose::SignDocument, Some("900101300811"), &corpus::trust(), &Crls::Current.revocation(), corpus::now());
        // Reaching here is the property; a report is always complete enough to serialise.
        prop_assert!(serde_json::to_string(&report).is_ok());
    }
}
