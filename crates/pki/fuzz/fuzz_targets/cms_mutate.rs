//! Structure-aware: starts from a valid corpus CMS, parses it into a DER tree, applies a list of
//! edits (delete, duplicate, swap, move subtrees; retag; replace, truncate, flip bits in values;
//! raw byte edits after re-encoding) and verifies the result with the case's own inputs. Lengths
//! are re-encoded consistently, so the edits reach the signed attributes, certificates, algorithm
//! identifiers and signatures instead of dying in the outer parse.
//!
//! Oracle beyond "no panic": with no edit at all the base case must verify as valid.
#![no_main]

use arbitrary::Arbitrary;
use kandas_pki::Verdict;
use kandas_pki_fuzz::{BASES, Body, Node, verify};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
enum Edit {
    /// Remove a node from its parent.
    Delete { node: u16 },
    /// Repeat a node right after itself.
    Duplicate { node: u16 },
    /// Swap two children of one parent.
    Swap { parent: u16, a: u8, b: u8 },
    /// Copy any node (e.g. a certificate, an attribute) in as a child of another.
    Graft { from: u16, to: u16, at: u8 },
    /// Change a node's identifier octet (keeps constructed/primitive shape as the tree has it).
    Retag { node: u16, tag: u8 },
    /// Replace a primitive value (OID, INTEGER, time, octets…).
    Replace { node: u16, value: Vec<u8> },
    /// Cut a primitive value short.
    Truncate { node: u16, len: u16 },
    /// Flip one bit of a primitive value.
    FlipBit { node: u16, at: u16, bit: u8 },
}

#[derive(Debug, Arbitrary)]
struct Input {
    base: u8,
    edits: Vec<Edit>,
    /// Byte edits on the re-encoded DER (position, xor), applied last.
    raw: Vec<(u16, u8)>,
}

fn apply(root: &mut Node, edit: &Edit) {
    let count = root.count();
    let pick = |n: u16| usize::from(n) % count;
    match *edit {
        Edit::Delete { node } => root.with_parent_of(pick(node), |siblings, i| {
            siblings.remove(i);
        }),
        Edit::Duplicate { node } => root.with_parent_of(pick(node), |siblings, i| {
            let copy = siblings[i].clone();
            siblings.insert(i + 1, copy);
        }),
        Edit::Swap { parent, a, b } => {
            if let Some(children) = root.children_mut(pick(parent))
                && !children.is_empty()
            {
                let len = children.len();
                children.swap(usize::from(a) % len, usize::from(b) % len);
            }
        }
        Edit::Graft { from, to, at } => {
            let Some(copy) = root.nth(pick(from)).cloned() else {
                return;
            };
            if let Some(children) = root.children_mut(pick(to)) {
                let at = usize::from(at) % (children.len() + 1);
                children.insert(at, copy);
            }
        }
        Edit::Retag { node, tag } => {
            if let Some(n) = root.nth_mut(pick(node)) {
                let constructed = matches!(n.body, Body::Constructed(_));
                // Class bits from `tag`, a low tag number (no 0x1f high-number form), and the
                // constructed bit as the tree has the node.
                let number = (tag & 0x1f) % 0x1f;
                let tag = (tag & 0xc0) | if constructed { 0x20 } else { 0 } | number;
                n.tag = vec![tag];
            }
        }
        Edit::Replace { node, ref value } => {
            if let Some(n) = root.nth_mut(pick(node))
                && let Body::Primitive(v) = &mut n.body
            {
                v.clone_from(value);
            }
        }
        Edit::Truncate { node, len } => {
            if let Some(n) = root.nth_mut(pick(node))
                && let Body::Primitive(v) = &mut n.body
            {
                v.truncate(usize::from(len));
            }
        }
        Edit::FlipBit { node, at, bit } => {
            if let Some(n) = root.nth_mut(pick(node))
                && let Body::Primitive(v) = &mut n.body
                && !v.is_empty()
            {
                let at = usize::from(at) % v.len();
                v[at] ^= 1 << (bit % 8);
            }
        }
    }
}

fuzz_target!(|input: Input| {
    let base = &BASES[usize::from(input.base) % BASES.len()];
    let Some(mut tree) = Node::parse(base.cms) else {
        panic!("{}: the corpus CMS is not DER", base.name);
    };
    for edit in input.edits.iter().take(8) {
        apply(&mut tree, edit);
        if tree.count() > 4096 {
            return; // grafts doubling the tree: nothing new to learn, only slower
        }
    }
    let mut der = tree.to_der();
    for &(at, xor) in input.raw.iter().take(8) {
        if !der.is_empty() {
            let at = usize::from(at) % der.len();
            der[at] ^= xor;
        }
    }
    let report = verify(&der, base.detached, base.purpose, Some(base.iin));
    let _ = report.code();
    if input.edits.is_empty() && input.raw.is_empty() {
        assert_eq!(der, base.cms, "{}: DER tree round trip", base.name);
        assert_eq!(
            report.verdict,
            Verdict::Valid,
            "{}: the unmodified case must verify: {:?}",
            base.name,
            report.code()
        );
    }
});
