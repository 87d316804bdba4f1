//! What a sealed certificate says: the payload of the COSE_Sign1, a CBOR map with small integer
//! keys (like a CWT's claims) so that it fits a printable QR code.
//!
//! | key | claim | CBOR |
//! |---|---|---|
//! | 0 | payload version, 1 | uint |
//! | 1 | certificate number | text |
//! | 2 | holder's name in Cyrillic | text |
//! | 3 | holder's name in Latin letters | text |
//! | 4 | birth date | text `YYYY-MM-DD` |
//! | 5 | valid until (last day) | text `YYYY-MM-DD` |
//! | 6 | extended | bool |
//! | 7 | issuer's office code | text |
//! | 8 | issued on | text `YYYY-MM-DD` |
//! | 9 | signed at | uint, Unix seconds |

use jiff::Timestamp;
use jiff::civil::Date;

use crate::cbor::Value;
use crate::error::VerifyError;

/// The payload version this crate writes and reads.
const VERSION: u64 = 1;

/// The longest text a claim may hold, bytes: names and codes are short, and a QR code is small.
const MAX_TEXT: usize = 200;

/// A kandas certificate as the seal signs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claims {
    /// The certificate number (`KC-2026-000001`).
    pub number: String,
    /// The holder's full name in Cyrillic.
    pub name_cyrillic: String,
    /// The holder's full name in Latin letters, as in the passport.
    pub name_latin: String,
    /// The holder's date of birth.
    pub birth_date: Date,
    /// The last day of validity.
    pub valid_until: Date,
    /// Whether the validity was extended.
    pub extended: bool,
    /// The issuing office's code (`leb-astana`).
    pub issuer: String,
    /// The day of issue.
    pub issued_on: Date,
    /// When the seal signed (the key must have been valid then).
    pub signed_at: Timestamp,
}

impl Claims {
    /// The CBOR payload.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let text = |s: &str| Value::Text(s.to_owned());
        let date = |d: Date| Value::Text(d.to_string());
        let signed_at = u64::try_from(self.signed_at.as_second()).unwrap_or(0);
        Value::Map(vec![
            (Value::Unsigned(0), Value::Unsigned(VERSION)),
            (Value::Unsigned(1), text(&self.number)),
            (Value::Unsigned(2), text(&self.name_cyrillic)),
            (Value::Unsigned(3), text(&self.name_latin)),
            (Value::Unsigned(4), date(self.birth_date)),
            (Value::Unsigned(5), date(self.valid_until)),
            (Value::Unsigned(6), Value::Bool(self.extended)),
            (Value::Unsigned(7), text(&self.issuer)),
            (Value::Unsigned(8), date(self.issued_on)),
            (Value::Unsigned(9), Value::Unsigned(signed_at)),
        ])
        .encode()
    }

    /// Reads a payload: exactly the keys 0–9 in order, of the types above.
    pub(crate) fn decode(payload: &[u8]) -> Result<Claims, VerifyError> {
        let malformed = VerifyError::Malformed;
        let Value::Map(pairs) = Value::decode(payload).map_err(|e| malformed(e.0))? else {
            return Err(malformed("the payload is not a map"));
        };
        let mut values = Vec::with_capacity(10);
        for (index, (key, value)) in pairs.into_iter().enumerate() {
            if key != Value::Unsigned(index as u64) {
                return Err(malformed("the payload's keys are not 0 to 9 in order"));
            }
            values.push(value);
        }
        let [
            version,
            number,
            cyrillic,
            latin,
            birth,
            until,
            extended,
            issuer,
            issued,
            signed,
        ] = <[Value; 10]>::try_from(values)
            .map_err(|_| malformed("the payload does not have ten claims"))?;
        if version != Value::Unsigned(VERSION) {
            return Err(malformed("the payload's version is not 1"));
        }
        let Value::Bool(extended) = extended else {
            return Err(malformed("the extended claim is not a boolean"));
        };
        let Value::Unsigned(signed) = signed else {
            return Err(malformed("the signing time is not a number"));
        };
        let signed_at = i64::try_from(signed)
            .ok()
            .and_then(|s| Timestamp::from_second(s).ok())
            .ok_or(malformed("the signing time is out of range"))?;
        Ok(Claims {
            number: text(number)?,
            name_cyrillic: text(cyrillic)?,
            name_latin: text(latin)?,
            birth_date: date(birth)?,
            valid_until: date(until)?,
            extended,
            issuer: text(issuer)?,
            issued_on: date(issued)?,
            signed_at,
        })
    }
}

fn text(value: Value) -> Result<String, VerifyError> {
    match value {
        Value::Text(t) if t.len() <= MAX_TEXT => Ok(t),
        _ => Err(VerifyError::Malformed("a claim is not a short text")),
    }
}

fn date(value: Value) -> Result<Date, VerifyError> {
    let text = text(value)?;
    // Only the ISO form the seal writes: jiff would also read other spellings of a date.
    let iso = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    match text.parse::<Date>() {
        Ok(date) if iso && date.to_string() == text => Ok(date),
        _ => Err(VerifyError::Malformed("a date claim is not YYYY-MM-DD")),
    }
}
