//! What the fuzz targets share: the trust configuration and CRLs of the committed corpus (built
//! once), the corpus's "now", the valid CMS cases the mutating target starts from, and a small DER
//! tree to mutate them structurally and re-encode them with consistent lengths.

use std::sync::OnceLock;

use jiff::{SignedDuration, Timestamp};
use kandas_pki::{Purpose, Revocation, TrustStore, ValidationReport, verify_cms};

macro_rules! corpus {
    ($rel:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/corpus/",
            $rel
        ))
    };
}

/// The IINs of the corpus's two people.
pub const IIN: &str = "900101300811";
pub const IIN2: &str = "931002451325";
/// The content of the detached document signatures.
pub const DOCUMENT: &[u8] = corpus!("cms/document.txt");

/// The verification context, as the integration tests build it.
pub struct Fixture {
    pub trust: TrustStore,
    pub revocation: Revocation,
    pub now: Timestamp,
}

/// Built on first use: anchors, the intermediate, the intermediate's and the root's CRLs.
pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let trust =
            TrustStore::from_pem_or_der(&[corpus!("pki/root.pem")], &[corpus!("pki/inter.der")])
                .unwrap_or_else(|e| panic!("corpus trust store: {e}"));
        let revocation = Revocation::new()
            .with_crl(corpus!("crl/inter.der").to_vec())
            .with_crl(corpus!("crl/root.der").to_vec());
        let made_at: Timestamp = std::str::from_utf8(corpus!("made-at.txt"))
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or_else(|| panic!("corpus made-at.txt"));
        Fixture {
            trust,
            revocation,
            now: made_at + SignedDuration::from_mins(10),
        }
    })
}

/// `verify_cms` in the corpus context.
pub fn verify(
    cms: &[u8],
    detached: Option<&[u8]>,
    purpose: Purpose,
    iin: Option<&str>,
) -> ValidationReport {
    let f = fixture();
    verify_cms(cms, detached, purpose, iin, &f.trust, &f.revocation, f.now)
}

/// A corpus CMS that verifies as valid with these inputs.
pub struct Base {
    pub name: &'static str,
    pub cms: &'static [u8],
    pub detached: Option<&'static [u8]>,
    pub purpose: Purpose,
    /// The signer's IIN.
    pub iin: &'static str,
}

pub const BASES: &[Base] = &[
    Base {
        name: "rsa-attached",
        cms: corpus!("cms/rsa-attached.p7s"),
        detached: None,
        purpose: Purpose::SignDocument,
        iin: IIN,
    },
    Base {
        name: "rsa-detached",
        cms: corpus!("cms/rsa-detached.p7s"),
        detached: Some(DOCUMENT),
        purpose: Purpose::SignDocument,
        iin: IIN,
    },
    Base {
        name: "rsa-pss-max",
        cms: corpus!("cms/rsa-pss-max.p7s"),
        detached: None,
        purpose: Purpose::SignDocument,
        iin: IIN,
    },
    Base {
        name: "rsa-with-chain",
        cms: corpus!("cms/rsa-with-chain.p7s"),
        detached: None,
        purpose: Purpose::SignDocument,
        iin: IIN2,
    },
    Base {
        name: "p256-attached",
        cms: corpus!("cms/p256-attached.p7s"),
        detached: None,
        purpose: Purpose::SignDocument,
        iin: IIN,
    },
    Base {
        name: "p384-attached",
        cms: corpus!("cms/p384-attached.p7s"),
        detached: None,
        purpose: Purpose::SignDocument,
        iin: IIN2,
    },
    Base {
        name: "auth-nonce-900101300811",
        cms: corpus!("cms/auth-nonce-900101300811.p7s"),
        detached: None,
        purpose: Purpose::Authenticate,
        iin: IIN,
    },
];

/// One DER TLV: the identifier octets, and either children (constructed, and they parse
/// exactly) or the raw value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub tag: Vec<u8>,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Constructed(Vec<Node>),
    Primitive(Vec<u8>),
}

const MAX_DEPTH: usize = 32;

impl Node {
    /// Parses one TLV at the start of `bytes`; returns it and the bytes it took.
    fn parse_one(bytes: &[u8], depth: usize) -> Option<(Node, usize)> {
        let mut i = 0;
        let first = *bytes.first()?;
        i += 1;
        if first & 0x1f == 0x1f {
            loop {
                let b = *bytes.get(i)?;
                i += 1;
                if b & 0x80 == 0 {
                    break;
                }
            }
        }
        let tag = bytes[..i].to_vec();
        let l0 = *bytes.get(i)?;
        i += 1;
        let len = if l0 < 0x80 {
            usize::from(l0)
        } else {
            let n = usize::from(l0 & 0x7f);
            if n == 0 || n > 4 {
                return None; // indefinite or absurd: not DER
            }
            let mut len = 0usize;
            for _ in 0..n {
                len = (len << 8) | usize::from(*bytes.get(i)?);
                i += 1;
            }
            len
        };
        let value = bytes.get(i..i.checked_add(len)?)?;
        let body = if first & 0x20 != 0 && depth < MAX_DEPTH {
            match Self::parse_all(value, depth + 1) {
                Some(children) => Body::Constructed(children),
                None => Body::Primitive(value.to_vec()),
            }
        } else {
            Body::Primitive(value.to_vec())
        };
        Some((Node { tag, body }, i + len))
    }

    fn parse_all(mut bytes: &[u8], depth: usize) -> Option<Vec<Node>> {
        let mut nodes = Vec::new();
        while !bytes.is_empty() {
            let (node, used) = Self::parse_one(bytes, depth)?;
            nodes.push(node);
            bytes = &bytes[used..];
        }
        Some(nodes)
    }

    /// Parses a whole DER value (one TLV, nothing after it).
    pub fn parse(bytes: &[u8]) -> Option<Node> {
        match Self::parse_one(bytes, 0)? {
            (node, used) if used == bytes.len() => Some(node),
            _ => None,
        }
    }

    /// Re-encodes with minimal definite lengths.
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.tag);
        let mut value = Vec::new();
        match &self.body {
            Body::Primitive(v) => value.extend_from_slice(v),
            Body::Constructed(children) => {
                for c in children {
                    c.encode(&mut value);
                }
            }
        }
        let len = value.len();
        if len < 0x80 {
            out.push(len as u8);
        } else {
            let bytes = len.to_be_bytes();
            let skip = bytes.iter().take_while(|b| **b == 0).count();
            out.push(0x80 | (bytes.len() - skip) as u8);
            out.extend_from_slice(&bytes[skip..]);
        }
        out.extend_from_slice(&value);
    }

    pub fn to_der(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.encode(&mut out);
        out
    }

    /// How many nodes, this one included (pre-order).
    pub fn count(&self) -> usize {
        1 + match &self.body {
            Body::Constructed(children) => children.iter().map(Node::count).sum(),
            Body::Primitive(_) => 0,
        }
    }

    /// The node at pre-order index `target` (0 = this one).
    pub fn nth_mut(&mut self, target: usize) -> Option<&mut Node> {
        if target == 0 {
            return Some(self);
        }
        let mut skip = target - 1;
        if let Body::Constructed(children) = &mut self.body {
            for c in children {
                let n = c.count();
                if skip < n {
                    return c.nth_mut(skip);
                }
                skip -= n;
            }
        }
        None
    }

    /// The node at pre-order index `target` (0 = this one), read-only.
    pub fn nth(&self, target: usize) -> Option<&Node> {
        if target == 0 {
            return Some(self);
        }
        let mut skip = target - 1;
        if let Body::Constructed(children) = &self.body {
            for c in children {
                let n = c.count();
                if skip < n {
                    return c.nth(skip);
                }
                skip -= n;
            }
        }
        None
    }

    /// The children of the constructed node at pre-order index `target`.
    pub fn children_mut(&mut self, target: usize) -> Option<&mut Vec<Node>> {
        match &mut self.nth_mut(target)?.body {
            Body::Constructed(children) => Some(children),
            Body::Primitive(_) => None,
        }
    }

    /// Calls `f(siblings, position)` for the node at pre-order index `target` (not the root).
    pub fn with_parent_of(&mut self, target: usize, f: impl FnOnce(&mut Vec<Node>, usize)) {
        if target == 0 {
            return;
        }
        let mut skip = target - 1;
        if let Body::Constructed(children) = &mut self.body {
            let mut found = None;
            for (i, c) in children.iter().enumerate() {
                let n = c.count();
                if skip == 0 {
                    found = Some((i, None));
                    break;
                }
                if skip < n {
                    found = Some((i, Some(skip)));
                    break;
                }
                skip -= n;
            }
            match found {
                Some((i, None)) => f(children, i),
                Some((i, Some(inner))) => children[i].with_parent_of(inner, f),
                None => {}
            }
        }
    }
}
