//! The master key: AES-256-GCM over each stored key, with the key's name as associated data
//! so that a ciphertext moved to another name does not open.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ring::aead::{AES_256_GCM, Aad, LessSafeKey, NONCE_LEN, Nonce, UnboundKey};

use crate::error::AppError;

/// The prefix of the stored form: the format's version.
const VERSION: &str = "v1";

/// The key every node is given (`KANDAS_MASTER_KEY` or a file), 32 bytes.
#[derive(Clone)]
pub struct MasterKey([u8; 32]);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(..)")
    }
}

fn invalid(what: &str) -> AppError {
    AppError::internal(format!("the master key is invalid: {what}"))
}

impl MasterKey {
    /// The master key written as 64 hex characters (surrounding spaces and a newline allowed).
    pub fn from_hex(text: &str) -> Result<MasterKey, AppError> {
        let bytes = hex::decode(text.trim()).map_err(|_| invalid("not hex"))?;
        let bytes = <[u8; 32]>::try_from(bytes.as_slice())
            .map_err(|_| invalid("not 32 bytes (64 hex characters)"))?;
        Ok(MasterKey(bytes))
    }

    /// A new random master key.
    pub fn random() -> MasterKey {
        MasterKey(crate::secrets::random_key())
    }

    /// The key as 64 hex characters (what [`MasterKey::from_hex`] reads).
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    fn aead(&self) -> Result<LessSafeKey, AppError> {
        let key = UnboundKey::new(&AES_256_GCM, &self.0)
            .map_err(|_| AppError::internal("AES-256-GCM refused a 32-byte key"))?;
        Ok(LessSafeKey::new(key))
    }

    /// `plaintext` encrypted for the key `name`: `v1.<nonce>.<ciphertext and tag>`, base64url.
    pub fn seal(&self, name: &str, plaintext: &[u8]) -> Result<String, AppError> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::Rng::fill(&mut rand::rng(), &mut nonce);
        let mut data = plaintext.to_vec();
        self.aead()?
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(name.as_bytes()),
                &mut data,
            )
            .map_err(|_| AppError::internal(format!("encrypting the key `{name}` failed")))?;
        Ok(format!(
            "{VERSION}.{}.{}",
            URL_SAFE_NO_PAD.encode(nonce),
            URL_SAFE_NO_PAD.encode(&data)
        ))
    }

    /// The plaintext of the key `name` sealed as `sealed`; an error when it was sealed under
    /// another master key, for another name, or changed.
    pub fn open(&self, name: &str, sealed: &str) -> Result<Vec<u8>, AppError> {
        let refused = || {
            AppError::internal(format!(
                "the stored key `{name}` does not open with this master key (is every node \
                 given the same KANDAS_MASTER_KEY?), or it was changed"
            ))
        };
        let mut parts = sealed.split('.');
        let (Some(VERSION), Some(nonce), Some(data), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(refused());
        };
        let nonce = URL_SAFE_NO_PAD.decode(nonce).map_err(|_| refused())?;
        let nonce = Nonce::try_assume_unique_for_key(&nonce).map_err(|_| refused())?;
        let mut data = URL_SAFE_NO_PAD.decode(data).map_err(|_| refused())?;
        let plaintext = self
            .aead()?
            .open_in_place(nonce, Aad::from(name.as_bytes()), &mut data)
            .map_err(|_| refused())?;
        Ok(plaintext.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_key_opens_only_with_its_master_key_and_name() {
        let master = MasterKey::random();
        let sealed = master.seal("otp", b"secret bytes").unwrap();
        assert_eq!(master.open("otp", &sealed).unwrap(), b"secret bytes");
        assert_ne!(
            sealed,
            master.seal("otp", b"secret bytes").unwrap(),
            "a fresh nonce each time"
        );
        assert!(
            master.open("seal", &sealed).is_err(),
            "moved to another name"
        );
        assert!(MasterKey::random().open("otp", &sealed).is_err());
        let mut changed = sealed.clone().into_bytes();
        let last = changed.len() - 3;
        changed[last] = if changed[last] == b'A' { b'B' } else { b'A' };
        assert!(
            master
                .open("otp", &String::from_utf8(changed).unwrap())
                .is_err()
        );
        assert!(master.open("otp", "v1.garbage").is_err());
        let again = MasterKey::from_hex(&format!("{}\n", master.to_hex())).unwrap();
        assert_eq!(again.open("otp", &sealed).unwrap(), b"secret bytes");
        assert!(MasterKey::from_hex("abcd").is_err());
    }
}
