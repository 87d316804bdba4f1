//! `kandas retention run --dry-run` on a fresh demo database: nothing is due, the total says
//! so, and nothing is written.

use super::{DataDir, ok};

#[test]
fn a_dry_run_on_fresh_demo_data_disposes_of_nothing() {
    let dir = DataDir::new();
    ok(&dir.kandas(&["demo"], &[]));
    let out = ok(&dir.kandas(&["retention", "run", "--dry-run"], &[("USER", "tester")]));
    let total = out.lines().last().unwrap_or_default();
    assert!(
        total.starts_with("total: would dispose of 0 file(s), 0 bytes, of 0 case(s); dry run"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 1, "{out}");
    let out = ok(&dir.kandas(&["retention", "run"], &[]));
    assert!(out.starts_with("total: disposed of 0 file(s)"), "{out}");
}
