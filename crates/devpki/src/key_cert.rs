//! A private key with its certificate, as the development PKI keeps each of its keys.

use rsa::PrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::EncodePrivateKey;
use rsa::pkcs8::der::zeroize::Zeroizing;
use sha2::Sha256;
use x509_cert::Certificate;

use crate::DevPkiError;
use kandas_pki::wire as name;

/// A private key with its certificate.
#[derive(Clone)]
pub struct KeyCert {
    pub(crate) key: PrivateKey,
    pub(crate) cert: Certificate,
    der: Vec<u8>,
}

impl std::fmt::Debug for KeyCert {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyCert")
            .field("subject", &self.subject())
            .field("serial", &self.serial_hex())
            .finish_non_exhaustive()
    }
}

impl KeyCert {
    pub(crate) fn new(key: PrivateKey, cert: Certificate) -> Result<Self, DevPkiError> {
        let der = der::Encode::to_der(&cert)?;
        Ok(Self { key, cert, der })
    }

    /// The certificate.
    pub fn certificate(&self) -> &Certificate {
        &self.cert
    }

    /// The certificate, DER.
    pub fn certificate_der(&self) -> &[u8] {
        &self.der
    }

    /// The certificate, PEM.
    pub fn certificate_pem(&self) -> Result<String, DevPkiError> {
        Ok(der::EncodePem::to_pem(
            &self.cert,
            der::pem::LineEnding::LF,
        )?)
    }

    /// The private key, PKCS#8 PEM (unencrypted: development only).
    pub fn private_key_pem(&self) -> Result<Zeroizing<String>, DevPkiError> {
        Ok(self.key.to_pkcs8_pem(der::pem::LineEnding::LF)?)
    }

    /// The subject, decoded (`CN=…, SURNAME=…, SERIALNUMBER=IIN…, C=KZ, G=…`).
    pub fn subject(&self) -> String {
        name::render_name(self.cert.tbs_certificate().subject())
    }

    /// The twelve digits of `SERIALNUMBER=IIN…`, when the subject has them.
    pub fn iin(&self) -> Option<String> {
        name::iin(self.cert.tbs_certificate().subject())
    }

    /// The serial number in upper-case hex.
    pub fn serial_hex(&self) -> String {
        name::hex_upper(self.cert.tbs_certificate().serial_number().as_bytes())
    }

    /// The PKCS#1 v1.5 SHA-256 signer of this key (what NCA RK's RSA keys do).
    pub(crate) fn signing_key(&self) -> SigningKey<Sha256> {
        SigningKey::new(self.key.clone())
    }
}
