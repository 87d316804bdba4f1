#![allow(clippy::unwrap_used)]
//! The verifier on built chains: each tampering is reported at its row, and nothing else.

use super::*;

fn chain(n: u64) -> Vec<ChainRow> {
    let mut prev = GENESIS;
    (1..=n)
        .map(|position| {
            let entry = ChainEntry {
                position,
                prev_hash: prev,
                at: format!("2026-11-23T05:00:{position:02}.000000000Z"),
                actor: Some("u".into()),
                actor_iin: None,
                role: None,
                subject: None,
                application: None,
                action: "staff.read-case".into(),
                request_id: format!("r{position}"),
                details: "{}".into(),
            };
            prev = entry.hash();
            ChainRow {
                seq: position as i64 * 10,
                position: Some(position as i64),
                prev_hash: Some(hash_hex(&entry.prev_hash)),
                hash: Some(hash_hex(&prev)),
                fields: entry,
            }
        })
        .collect()
}

fn run(rows: &[ChainRow], head: Option<u64>) -> VerifyReport {
    let mut v = Verifier::new(Anchor::GENESIS, Vec::new());
    for row in rows {
        v.push(row);
    }
    v.finish(head)
}

fn faults(report: &VerifyReport) -> Vec<(u64, FaultKind)> {
    report
        .faults
        .iter()
        .map(|f| (f.position, f.kind.clone()))
        .collect()
}

#[test]
fn an_untouched_chain_verifies() {
    let report = run(&chain(20), Some(20));
    assert!(report.ok(), "{}", report.lines());
    assert_eq!((report.rows, report.last, report.unsealed), (20, 20, 20));
}

#[test]
fn each_tampering_is_reported_at_its_row() {
    let mut edited = chain(10);
    edited[4].fields.action = "staff.nothing".into();
    assert_eq!(faults(&run(&edited, Some(10))), [(5, FaultKind::Edited)]);

    let mut deleted = chain(10);
    deleted.remove(4);
    assert_eq!(
        faults(&run(&deleted, Some(10))),
        [(5, FaultKind::Missing { until: 5 })]
    );

    let mut rehashed = chain(10);
    rehashed[4].fields.action = "staff.nothing".into();
    let entry = ChainEntry {
        position: 5,
        prev_hash: parse_hash(rehashed[4].prev_hash.as_deref().unwrap()).unwrap(),
        ..rehashed[4].fields.clone()
    };
    rehashed[4].hash = Some(hash_hex(&entry.hash()));
    assert_eq!(
        faults(&run(&rehashed, Some(10))),
        [(6, FaultKind::BrokenLink)]
    );

    let mut swapped = chain(10);
    let (a, b) = (swapped[4].fields.clone(), swapped[5].fields.clone());
    swapped[4].fields = b;
    swapped[5].fields = a;
    assert_eq!(
        faults(&run(&swapped, Some(10))),
        [(5, FaultKind::Edited), (6, FaultKind::Edited)]
    );

    let mut reordered = chain(10);
    reordered[4].seq = 65;
    assert_eq!(
        faults(&run(&reordered, Some(10))),
        [(6, FaultKind::OutOfOrder)]
    );

    let mut repeated = chain(10);
    let copy = repeated[5].clone();
    repeated.insert(6, ChainRow { seq: 66, ..copy });
    assert_eq!(
        faults(&run(&repeated, Some(10))),
        [(6, FaultKind::Repeated)]
    );

    let cut = chain(10);
    assert_eq!(
        faults(&run(&cut[..8], Some(10))),
        [(9, FaultKind::Truncated { head: 10 })]
    );
    assert_eq!(
        faults(&run(&cut, Some(8))),
        [(10, FaultKind::PastHead { head: 8 })]
    );
}

#[test]
fn seals_cover_their_rows_and_catch_a_rewritten_chain() {
    let rows = chain(10);
    let seal = |position: u64, hash: Hash| CheckedSeal {
        position,
        hash,
        sealed_at: "2026-11-23T06:00:00Z".parse().unwrap(),
        kid: "k".into(),
    };
    let hash_of = |i: usize| parse_hash(rows[i].hash.as_deref().unwrap()).unwrap();
    let mut v = Verifier::new(Anchor::GENESIS, vec![seal(6, hash_of(5))]);
    rows.iter().for_each(|r| v.push(r));
    let report = v.finish(Some(10));
    assert!(report.ok());
    assert_eq!((report.sealed_through, report.unsealed), (Some(6), 4));

    let mut v = Verifier::new(Anchor::GENESIS, vec![seal(6, [1; 32]), seal(12, [2; 32])]);
    rows.iter().for_each(|r| v.push(r));
    assert_eq!(
        faults(&v.finish(Some(10))),
        [
            (6, FaultKind::SealMismatch),
            (12, FaultKind::SealWithoutRow)
        ]
    );

    // From a seal's anchor on, the rows before it are not needed.
    let anchor = Anchor {
        position: 6,
        hash: hash_of(5),
    };
    let mut v = Verifier::new(anchor, Vec::new());
    rows[6..].iter().for_each(|r| v.push(r));
    let report = v.finish(Some(10));
    assert!(report.ok(), "{}", report.lines());
    assert_eq!(report.rows, 4);
    let wrong = Anchor {
        position: 6,
        hash: [5; 32],
    };
    let mut v = Verifier::new(wrong, Vec::new());
    rows[6..].iter().for_each(|r| v.push(r));
    assert_eq!(faults(&v.finish(Some(10))), [(7, FaultKind::BrokenLink)]);
}
