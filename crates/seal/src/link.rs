//! The QR code's content: the address of the live public page with the sealed certificate in
//! the fragment, `{public_url}/verify/{number}#{base64url(COSE_Sign1)}`. Browsers never send a
//! fragment to the server, so the page opens as usual while an offline verifier finds the
//! whole seal in the code.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::error::VerifyError;

/// The longest sealed text accepted, characters (a QR code holds under 3 000 bytes).
const MAX_TEXT: usize = 4096;

/// The QR address of certificate `number` sealed as `sealed`.
pub fn link(public_url: &str, number: &str, sealed: &[u8]) -> String {
    format!(
        "{}/verify/{number}#{}",
        public_url.trim_end_matches('/'),
        URL_SAFE_NO_PAD.encode(sealed)
    )
}

/// The live page's address without the seal: what is printed beside the QR code.
pub fn page_of(link: &str) -> &str {
    link.split_once('#').map_or(link, |(page, _)| page)
}

/// A sealed certificate as given to a verifier: the QR address or the bare base64url payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    /// The COSE_Sign1 bytes.
    pub bytes: Vec<u8>,
    /// The certificate number in the address's path, when an address was given.
    pub address_number: Option<String>,
}

/// Reads the QR address (`…/verify/{number}#{payload}`) or the bare payload.
pub fn parse(text: &str) -> Result<Sealed, VerifyError> {
    let text = text.trim();
    if text.len() > MAX_TEXT {
        return Err(VerifyError::Malformed("the text is too long"));
    }
    let (address_number, payload) = match text.rsplit_once('#') {
        Some((page, payload)) => {
            let number = page
                .rsplit_once("/verify/")
                .map(|(_, number)| number)
                .filter(|n| !n.is_empty() && !n.contains(['/', '?']))
                .ok_or(VerifyError::Malformed(
                    "the address is not a certificate's /verify/ page",
                ))?;
            (Some(number.to_owned()), payload)
        }
        None => (None, text),
    };
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.as_bytes())
        .map_err(|_| VerifyError::Malformed("the seal is not base64url"))?;
    Ok(Sealed {
        bytes,
        address_number,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_carries_the_seal_in_its_fragment() {
        let url = link("https://kandas.egov.kz/", "KC-2026-000001", &[1, 2, 250]);
        assert_eq!(url, "https://kandas.egov.kz/verify/KC-2026-000001#AQL6");
        assert_eq!(
            page_of(&url),
            "https://kandas.egov.kz/verify/KC-2026-000001"
        );
        let sealed = parse(&url).unwrap();
        assert_eq!(sealed.bytes, [1, 2, 250]);
        assert_eq!(sealed.address_number.as_deref(), Some("KC-2026-000001"));
        assert_eq!(parse(" AQL6\n").unwrap().address_number, None);
    }

    #[test]
    fn other_text_is_malformed() {
        for bad in [
            "https://kandas.egov.kz/status/X#AQL6",
            "AQL6=",
            "AQJ",
            "не base64",
            "#",
        ] {
            assert!(
                matches!(parse(bad), Err(VerifyError::Malformed(_))),
                "{bad}"
            );
        }
    }
}
