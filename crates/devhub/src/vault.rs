//! Secrets at rest: what the store writes of a secret is sealed with a key kept outside the
//! database, so a copy of the database without its key reveals none. XChaCha20-Poly1305 (an
//! AEAD: a sealed value that was changed does not open), a random nonce per value; the key is a
//! file of 32 random bytes (hex), created on first start readable by the hub's user only.
//! The idempotency table's fingerprints are keyed hashes (HMAC-SHA-256) under a key derived
//! from the same one, so a body cannot be confirmed by hashing a guess.

use base64::{engine::general_purpose::STANDARD_NO_PAD, Engine};
use chacha20poly1305::{
    aead::{Aead, AeadCore, KeyInit, OsRng},
    XChaCha20Poly1305, XNonce,
};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::Path;

/// What a sealed value starts with: the scheme, so a later one can be told apart.
const SEALED: &str = "xc1:";
const NONCE_LEN: usize = 24;

pub struct Vault {
    cipher: XChaCha20Poly1305,
    /// The fingerprints' key, derived from the vault's key.
    mac_key: [u8; 32],
}

/// A sealed value that does not open: another key, or changed bytes.
#[derive(Debug)]
pub struct Unsealable;

impl Vault {
    /// The vault whose key is in `key_file` (created there when missing), or one with a key of
    /// its own for an in-memory store (nothing outlives the process there).
    pub fn open(key_file: Option<&Path>) -> std::io::Result<Vault> {
        let key: [u8; 32] = match key_file {
            Some(path) => read_or_create(path)?,
            None => XChaCha20Poly1305::generate_key(&mut OsRng).into(),
        };
        let mut derive = <Hmac<Sha256> as Mac>::new_from_slice(&key).expect("any key length");
        derive.update(b"wayai-devhub idempotency fingerprints");
        Ok(Vault {
            cipher: XChaCha20Poly1305::new(&key.into()),
            mac_key: derive.finalize().into_bytes().into(),
        })
    }

    /// `plain` sealed, as text for a JSON record.
    pub fn seal(&self, plain: &[u8]) -> String {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let sealed = self
            .cipher
            .encrypt(&nonce, plain)
            .expect("sealing in memory does not fail");
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        format!("{SEALED}{}", STANDARD_NO_PAD.encode(bytes))
    }

    /// What `sealed` holds.
    pub fn unseal(&self, sealed: &str) -> Result<Vec<u8>, Unsealable> {
        let text = sealed.strip_prefix(SEALED).ok_or(Unsealable)?;
        let bytes = STANDARD_NO_PAD.decode(text).map_err(|_| Unsealable)?;
        if bytes.len() < NONCE_LEN {
            return Err(Unsealable);
        }
        let (nonce, body) = bytes.split_at(NONCE_LEN);
        self.cipher
            .decrypt(XNonce::from_slice(nonce), body)
            .map_err(|_| Unsealable)
    }

    /// `value` as JSON text with the members named in `sealed` taken out and kept as one sealed
    /// member (`"sealed"`).
    pub fn seal_members<T: serde::Serialize>(&self, value: &T, sealed: &[&str]) -> String {
        let mut json = serde_json::to_value(value).expect("records serialize");
        if let Some(fields) = json.as_object_mut() {
            let secret: serde_json::Map<String, serde_json::Value> = sealed
                .iter()
                .filter_map(|k| fields.remove(*k).map(|v| (k.to_string(), v)))
                .collect();
            let plain = serde_json::to_vec(&secret).expect("JSON serializes");
            fields.insert("sealed".into(), self.seal(&plain).into());
        }
        json.to_string()
    }

    /// A value written by [`Vault::seal_members`] (or before there was sealing), whole again.
    pub fn open_members<T: serde::de::DeserializeOwned>(
        &self,
        text: &str,
    ) -> Result<T, Unsealable> {
        let mut json: serde_json::Value = serde_json::from_str(text).map_err(|_| Unsealable)?;
        if let Some(fields) = json.as_object_mut() {
            if let Some(serde_json::Value::String(sealed)) = fields.remove("sealed") {
                let plain = self.unseal(&sealed)?;
                let secret: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_slice(&plain).map_err(|_| Unsealable)?;
                fields.extend(secret);
            }
        }
        serde_json::from_value(json).map_err(|_| Unsealable)
    }

    /// A keyed hash of `bytes` (hex).
    pub fn fingerprint(&self, bytes: &[u8]) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.mac_key).expect("any key length");
        mac.update(bytes);
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// The key in `path`, or a new one written there (mode 0600 where there are modes).
fn read_or_create(path: &Path) -> std::io::Result<[u8; 32]> {
    use std::io::{Error, ErrorKind, Write};
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let bytes: Vec<u8> = (0..text.trim().len())
                .step_by(2)
                .filter_map(|i| u8::from_str_radix(text.trim().get(i..i + 2)?, 16).ok())
                .collect();
            bytes.try_into().map_err(|_| {
                Error::new(
                    ErrorKind::InvalidData,
                    format!("{} is not a key (64 hex digits)", path.display()),
                )
            })
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            let key: [u8; 32] = XChaCha20Poly1305::generate_key(&mut OsRng).into();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(path)?;
            let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
            file.write_all(hex.as_bytes())?;
            file.sync_all()?;
            Ok(key)
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::Vault;

    #[test]
    fn sealed_values_open_only_with_their_key_and_unchanged() {
        let dir = std::env::temp_dir().join(format!("vault-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let key = dir.join("test.key");
        let _ = std::fs::remove_file(&key);
        let vault = Vault::open(Some(&key)).unwrap();
        let sealed = vault.seal(b"sk-secret");
        assert!(!sealed.contains("sk-secret"));
        assert_ne!(sealed, vault.seal(b"sk-secret"), "a fresh nonce each time");
        assert_eq!(vault.unseal(&sealed).unwrap(), b"sk-secret");
        // The same key file opens it again; another key does not.
        let again = Vault::open(Some(&key)).unwrap();
        assert_eq!(again.unseal(&sealed).unwrap(), b"sk-secret");
        assert!(Vault::open(None).unwrap().unseal(&sealed).is_err());
        // One bit changed anywhere in the sealed bytes: it does not open.
        use base64::Engine;
        let engine = base64::engine::general_purpose::STANDARD_NO_PAD;
        let mut bytes = engine.decode(&sealed[super::SEALED.len()..]).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 1;
        let changed = format!("{}{}", super::SEALED, engine.encode(bytes));
        assert!(vault.unseal(&changed).is_err());
        assert_eq!(vault.fingerprint(b"x"), again.fingerprint(b"x"));
        assert_ne!(vault.fingerprint(b"x"), vault.fingerprint(b"y"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&key).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
