//! The few CBOR shapes (RFC 8949) the seal writes and reads: unsigned and negative integers,
//! byte and text strings, arrays, maps, tags and booleans, in the deterministic encoding
//! (shortest heads, definite lengths).
//!
//! The reader is strict and never trusts a length: it refuses indefinite lengths, floats,
//! non-shortest heads, invalid UTF-8, trailing bytes and nesting deeper than [`MAX_DEPTH`], and
//! checks every length against the bytes left before it allocates.

/// How deep arrays, maps and tags may nest; the seal's shapes need three levels.
const MAX_DEPTH: usize = 6;

/// A CBOR data item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    /// Major type 0.
    Unsigned(u64),
    /// Major type 1: the value is `-1 - n`.
    Negative(u64),
    /// Major type 2.
    Bytes(Vec<u8>),
    /// Major type 3.
    Text(String),
    /// Major type 4.
    Array(Vec<Value>),
    /// Major type 5, pairs in the order written.
    Map(Vec<(Value, Value)>),
    /// Major type 6.
    Tag(u64, Box<Value>),
    /// `false` and `true` (major type 7).
    Bool(bool),
}

/// Why bytes are not a CBOR item of the shapes above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CborError(pub(crate) &'static str);

impl Value {
    /// The deterministic encoding of the item.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Value::Unsigned(n) => head(out, 0, *n),
            Value::Negative(n) => head(out, 1, *n),
            Value::Bytes(b) => {
                head(out, 2, b.len() as u64);
                out.extend_from_slice(b);
            }
            Value::Text(t) => {
                head(out, 3, t.len() as u64);
                out.extend_from_slice(t.as_bytes());
            }
            Value::Array(items) => {
                head(out, 4, items.len() as u64);
                for item in items {
                    item.write(out);
                }
            }
            Value::Map(pairs) => {
                head(out, 5, pairs.len() as u64);
                for (key, value) in pairs {
                    key.write(out);
                    value.write(out);
                }
            }
            Value::Tag(tag, item) => {
                head(out, 6, *tag);
                item.write(out);
            }
            Value::Bool(b) => out.push(if *b { 0xf5 } else { 0xf4 }),
        }
    }

    /// Reads exactly one item from `bytes`: trailing bytes are an error.
    pub(crate) fn decode(bytes: &[u8]) -> Result<Value, CborError> {
        let mut reader = Reader { bytes, pos: 0 };
        let value = reader.item(0)?;
        if reader.pos != bytes.len() {
            return Err(CborError("trailing bytes after the CBOR item"));
        }
        Ok(value)
    }
}

/// Writes a head in its shortest form.
fn head(out: &mut Vec<u8>, major: u8, n: u64) {
    let major = major << 5;
    match n {
        0..=23 => out.push(major | n as u8),
        24..=0xff => out.extend_from_slice(&[major | 24, n as u8]),
        0x100..=0xffff => {
            out.push(major | 25);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(major | 26);
            out.extend_from_slice(&(n as u32).to_be_bytes());
        }
        _ => {
            out.push(major | 27);
            out.extend_from_slice(&n.to_be_bytes());
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], CborError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|end| *end <= self.bytes.len())
            .ok_or(CborError("the CBOR item is cut short"))?;
        let taken = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(taken)
    }

    /// The head: major type and argument, refusing what the seal never writes.
    fn head(&mut self) -> Result<(u8, u64), CborError> {
        let first = self.take(1)?[0];
        let (major, info) = (first >> 5, first & 0x1f);
        let argument = match info {
            0..=23 => u64::from(info),
            24..=27 => {
                let width = 1usize << (info - 24);
                let mut n = 0u64;
                for byte in self.take(width)? {
                    n = (n << 8) | u64::from(*byte);
                }
                let shortest = match info {
                    24 => n >= 24,
                    25 => n > 0xff,
                    26 => n > 0xffff,
                    _ => n > 0xffff_ffff,
                };
                if !shortest {
                    return Err(CborError("a CBOR head is not in its shortest form"));
                }
                n
            }
            _ => return Err(CborError("indefinite or reserved CBOR lengths are refused")),
        };
        Ok((major, argument))
    }

    /// A length, at most the bytes left (every element takes at least one byte).
    fn length(&self, n: u64) -> Result<usize, CborError> {
        usize::try_from(n)
            .ok()
            .filter(|n| *n <= self.bytes.len() - self.pos)
            .ok_or(CborError("a CBOR length runs past the end"))
    }

    fn item(&mut self, depth: usize) -> Result<Value, CborError> {
        if depth > MAX_DEPTH {
            return Err(CborError("the CBOR item nests too deeply"));
        }
        let (major, n) = self.head()?;
        Ok(match major {
            0 => Value::Unsigned(n),
            1 => Value::Negative(n),
            2 => {
                let len = self.length(n)?;
                Value::Bytes(self.take(len)?.to_vec())
            }
            3 => {
                let len = self.length(n)?;
                let text = std::str::from_utf8(self.take(len)?)
                    .map_err(|_| CborError("a CBOR text is not UTF-8"))?;
                Value::Text(text.to_owned())
            }
            4 => {
                let len = self.length(n)?;
                let mut items = Vec::with_capacity(len);
                for _ in 0..len {
                    items.push(self.item(depth + 1)?);
                }
                Value::Array(items)
            }
            5 => {
                let len = self.length(n)?;
                let mut pairs = Vec::with_capacity(len);
                for _ in 0..len {
                    let key = self.item(depth + 1)?;
                    let value = self.item(depth + 1)?;
                    pairs.push((key, value));
                }
                Value::Map(pairs)
            }
            6 => Value::Tag(n, Box::new(self.item(depth + 1)?)),
            _ => match n {
                20 => Value::Bool(false),
                21 => Value::Bool(true),
                _ => return Err(CborError("floats and simple values are refused")),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_come_back_as_written() {
        let item = Value::Tag(
            18,
            Box::new(Value::Array(vec![
                Value::Unsigned(0),
                Value::Unsigned(24),
                Value::Unsigned(70_000),
                Value::Unsigned(u64::MAX),
                Value::Negative(7),
                Value::Bytes(vec![1, 2, 3]),
                Value::Text("Қандас".into()),
                Value::Map(vec![(Value::Unsigned(1), Value::Bool(true))]),
                Value::Bool(false),
            ])),
        );
        let bytes = item.encode();
        assert_eq!(&bytes[..2], &[0xd2, 0x89]);
        assert_eq!(Value::decode(&bytes), Ok(item));
    }

    #[test]
    fn the_examples_of_rfc_8949_encode_as_published() {
        assert_eq!(Value::Unsigned(500).encode(), [0x19, 0x01, 0xf4]);
        assert_eq!(Value::Negative(99).encode(), [0x38, 0x63]);
        assert_eq!(Value::Text("a".into()).encode(), [0x61, 0x61]);
    }

    #[test]
    fn strange_or_hostile_input_is_refused() {
        for bad in [
            &[][..],
            &[0x18, 0x05],                                           // 5 written long
            &[0x5f, 0x41, 0x00, 0xff],                               // indefinite bytes
            &[0xf9, 0x3c, 0x00],                                     // a float
            &[0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], // a huge length
            &[0x9b, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00],
            &[0x62, 0xc3, 0x28], // broken UTF-8
            &[0x01, 0x02],       // trailing
            &[0x81; 20],         // too deep
        ] {
            assert!(Value::decode(bad).is_err(), "{bad:02x?}");
        }
    }
}
