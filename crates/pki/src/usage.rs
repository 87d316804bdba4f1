//! What a key may be used for. NCA RK issues each person two keys: a signing key (RSA256…/GOST…,
//! keyUsage nonRepudiation + digitalSignature) for documents, and an authentication key
//! (AUTH_RSA…, keyUsage digitalSignature + keyEncipherment, EKU clientAuth) for sign-in. The rule is
//! strict so that one can never stand in for the other; see the crate README.

use serde::Serialize;
use x509_cert::ext::pkix::{ExtendedKeyUsage, KeyUsage};

use crate::oid;
use crate::report::{Failure, Reason};
use crate::trust::Cert;

/// Why the signature is being verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    /// Signing an application or another document: needs a signing key.
    SignDocument,
    /// Signing a sign-in nonce: needs an authentication key.
    Authenticate,
}

/// Checks the signer's keyUsage and extendedKeyUsage against the purpose.
///
/// - `SignDocument`: keyUsage present with nonRepudiation (contentCommitment); the EKU, if present,
///   must not contain clientAuth (that marks an authentication key).
/// - `Authenticate`: keyUsage present with digitalSignature, and EKU present with clientAuth
///   (`anyExtendedKeyUsage` does not count).
///
/// Other EKU entries (emailProtection, NCA RK's policy-like 1.2.398.3.3.4.… OIDs) are allowed.
pub(crate) fn check(signer: &Cert, purpose: Purpose) -> Result<String, Failure> {
    let tbs = signer.cert.tbs_certificate();
    let wrong = |detail: String| Failure::new(Reason::WrongKeyUsage, detail);
    let ku = match tbs.get_extension::<KeyUsage>() {
        Ok(Some((_, ku))) => ku,
        Ok(None) => return Err(wrong("the signer's certificate has no keyUsage".into())),
        Err(e) => return Err(Failure::new(Reason::Malformed, format!("keyUsage: {e}"))),
    };
    let eku = match tbs.get_extension::<ExtendedKeyUsage>() {
        Ok(found) => found.map(|(_, e)| e.0),
        Err(e) => {
            return Err(Failure::new(
                Reason::Malformed,
                format!("extendedKeyUsage: {e}"),
            ));
        }
    };
    let client_auth = eku.as_ref().is_some_and(|e| e.contains(&oid::CLIENT_AUTH));
    match purpose {
        Purpose::SignDocument if !ku.non_repudiation() => Err(wrong(
            "document signing needs keyUsage nonRepudiation; this is not a signing key".into(),
        )),
        Purpose::SignDocument if client_auth => Err(wrong(
            "an authentication key (EKU clientAuth) cannot sign documents".into(),
        )),
        Purpose::Authenticate if !ku.digital_signature() => {
            Err(wrong("sign-in needs keyUsage digitalSignature".into()))
        }
        Purpose::Authenticate if !client_auth => Err(wrong(
            "sign-in needs an authentication key (EKU clientAuth); this is a signing key".into(),
        )),
        Purpose::SignDocument => Ok("signing key: keyUsage nonRepudiation, no clientAuth".into()),
        Purpose::Authenticate => {
            Ok("authentication key: digitalSignature and EKU clientAuth".into())
        }
    }
}
