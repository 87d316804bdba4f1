//! Distinguished names rendered for people. x509-cert's `Display` garbles Cyrillic, so the
//! directory strings are decoded here: UTF8String, PrintableString, IA5String, BMPString
//! (UTF-16BE), TeletexString (as Latin-1). Attributes keep the certificate's own order, which for
//! NCA RK reads `CN=…, SURNAME=…, SERIALNUMBER=IIN…, C=KZ, G=…`.

use der::asn1::Any;
use der::{Encode, Tag, Tagged};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::name::Name;

use const_oid::ObjectIdentifier as Oid;

const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");

const LABELS: &[(&str, &str)] = &[
    ("2.5.4.3", "CN"),
    ("2.5.4.4", "SURNAME"),
    ("2.5.4.5", "SERIALNUMBER"),
    ("2.5.4.6", "C"),
    ("2.5.4.7", "L"),
    ("2.5.4.8", "S"),
    ("2.5.4.10", "O"),
    ("2.5.4.11", "OU"),
    ("2.5.4.12", "T"),
    ("2.5.4.42", "G"),
    ("1.2.840.113549.1.9.1", "E"),
    ("0.9.2342.19200300.100.1.25", "DC"),
];

/// Renders a name as `CN=…, SERIALNUMBER=…, C=KZ`, multi-valued RDNs joined by `+`.
pub fn render(name: &Name) -> String {
    name.iter_rdn()
        .map(|rdn| rdn.iter().map(render_atv).collect::<Vec<_>>().join("+"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn render_atv(atv: &AttributeTypeAndValue) -> String {
    let oid = atv.oid.to_string();
    let label = LABELS
        .iter()
        .find(|(o, _)| *o == oid)
        .map_or(oid.as_str(), |(_, l)| l);
    format!("{label}={}", escape(&decode_string(&atv.value)))
}

/// Escapes the characters that would make the rendering ambiguous (RFC 4514 style).
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, ',' | '+' | '=' | '\\' | ';' | '<' | '>' | '"') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Decodes a directory string to text; anything undecodable is shown as `#` and DER hex.
pub(crate) fn decode_string(value: &Any) -> String {
    let bytes = value.value();
    let text = match value.tag() {
        Tag::Utf8String => std::str::from_utf8(bytes).ok().map(str::to_owned),
        Tag::PrintableString | Tag::Ia5String | Tag::VisibleString | Tag::NumericString => bytes
            .is_ascii()
            .then(|| bytes.iter().map(|&b| char::from(b)).collect()),
        Tag::BmpString => decode_bmp(bytes),
        Tag::TeletexString => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        _ => None,
    };
    text.unwrap_or_else(|| format!("#{}", hex_upper(&value.to_der().unwrap_or_default())))
}

fn decode_bmp(bytes: &[u8]) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units = bytes
        .chunks_exact(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// The IIN from `SERIALNUMBER=IIN` + 12 digits, as NCA RK writes it for individuals.
pub fn iin(subject: &Name) -> Option<String> {
    subject
        .iter()
        .filter(|atv| atv.oid == SERIAL_NUMBER)
        .map(|atv| decode_string(&atv.value))
        .find_map(|s| {
            let digits = s.strip_prefix("IIN")?;
            (digits.len() == 12 && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.to_owned())
        })
}

/// Upper-case hex, for serial numbers and undecodable values.
pub fn hex_upper(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02X}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::Decode;

    fn any(tag: u8, value: &[u8]) -> Any {
        let mut der = vec![tag, u8::try_from(value.len()).unwrap()];
        der.extend_from_slice(value);
        Any::from_der(&der).unwrap()
    }

    #[test]
    fn decodes_kazakh_in_utf8_and_bmp() {
        let text = "ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ";
        assert_eq!(decode_string(&any(0x0c, text.as_bytes())), text);
        let bmp: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode_string(&any(0x1e, &bmp)), text);
        assert_eq!(
            decode_string(&any(0x13, b"IIN900101300811")),
            "IIN900101300811"
        );
    }

    #[test]
    fn odd_bmp_and_bad_utf8_fall_back_to_hex() {
        assert_eq!(decode_string(&any(0x1e, &[0x04])), "#1E0104");
        assert_eq!(decode_string(&any(0x0c, &[0xff])), "#0C01FF");
    }

    #[test]
    fn escapes_separators() {
        assert_eq!(escape("ТОО \"Ақ, Жол\""), "ТОО \\\"Ақ\\, Жол\\\"");
    }
}
