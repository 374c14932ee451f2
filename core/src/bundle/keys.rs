//! Encryption of a bundle to the subdistrict's public key with age (X25519 recipients,
//! https://age-encryption.org/v1), so a forwarded WhatsApp file reveals nothing to anyone else.
//! No home-made cryptography: this module only parses keys and calls the `age` crate.

use std::io::{Read, Write};

use age::secrecy::ExposeSecret;

use super::BundleError;

/// A recipient's public key (`age1...`): what the phone encrypts to.
#[derive(Clone)]
pub struct Recipient(age::x25519::Recipient);

/// A private key (`AGE-SECRET-KEY-1...`): what the subdistrict decrypts with.
#[derive(Clone)]
pub struct Identity(age::x25519::Identity);

impl std::fmt::Debug for Recipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Recipient({})", self.0)
    }
}
impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Identity({})", self.0.to_public())
    }
}

impl Recipient {
    /// Parses an `age1...` public key.
    pub fn parse(s: &str) -> Result<Self, BundleError> {
        s.trim()
            .parse::<age::x25519::Recipient>()
            .map(Recipient)
            .map_err(|e| BundleError::InvalidKey {
                detail: e.to_string(),
            })
    }
}

impl std::fmt::Display for Recipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl Identity {
    /// A fresh random key pair.
    pub fn generate() -> Self {
        Identity(age::x25519::Identity::generate())
    }
    pub fn public(&self) -> Recipient {
        Recipient(self.0.to_public())
    }
    /// The secret key text (`AGE-SECRET-KEY-1...`), for writing the identity file.
    pub fn secret(&self) -> String {
        self.0.to_string().expose_secret().to_string()
    }
    /// Identities from the text of an identity file: one key per line, `#` comments and blank lines
    /// ignored (the format of `age-keygen`).
    pub fn parse_file(text: &str) -> Result<Vec<Identity>, BundleError> {
        let mut out = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let id =
                line.parse::<age::x25519::Identity>()
                    .map_err(|_| BundleError::InvalidKey {
                        // never echo the line: it may be a secret key with a typo
                        detail: format!("line {} is not an age identity", n + 1),
                    })?;
            out.push(Identity(id));
        }
        if out.is_empty() {
            return Err(BundleError::InvalidKey {
                detail: "no identity in file".into(),
            });
        }
        Ok(out)
    }
    /// The identity file's text, as `age-keygen` writes it.
    pub fn to_file(&self, created: &str) -> String {
        format!(
            "# created: {created}\n# public key: {}\n{}\n",
            self.public(),
            self.secret()
        )
    }
}

pub(crate) fn encrypt(recipient: &Recipient, plain: &[u8]) -> Result<Vec<u8>, BundleError> {
    let enc = age::Encryptor::with_recipients(std::iter::once(&recipient.0 as &dyn age::Recipient))
        .map_err(|e| BundleError::Encryption {
            detail: e.to_string(),
        })?;
    let mut out = Vec::with_capacity(plain.len() + 256);
    let mut w = enc.wrap_output(&mut out)?;
    w.write_all(plain)?;
    w.finish()?;
    Ok(out)
}

pub(crate) fn decrypt(
    identities: &[Identity],
    cipher: &[u8],
    limit: u64,
) -> Result<Vec<u8>, BundleError> {
    use age::DecryptError as E;
    let map = |e: E| match e {
        E::NoMatchingKeys => BundleError::NotForUs,
        E::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => BundleError::Truncated,
        other => BundleError::Decryption {
            detail: other.to_string(),
        },
    };
    let dec = age::Decryptor::new_buffered(cipher).map_err(map)?;
    let reader = dec
        .decrypt(identities.iter().map(|i| &i.0 as &dyn age::Identity))
        .map_err(map)?;
    let mut out = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => BundleError::Truncated,
            _ => BundleError::Decryption {
                detail: e.to_string(),
            },
        })?;
    if out.len() as u64 > limit {
        return Err(BundleError::too_large(limit));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encrypt_decrypt_and_wrong_key() {
        let a = Identity::generate();
        let b = Identity::generate();
        let c = encrypt(&a.public(), b"halo desa").unwrap();
        assert_eq!(decrypt(&[a.clone()], &c, 1000).unwrap(), b"halo desa");
        assert!(matches!(
            decrypt(&[b], &c, 1000),
            Err(BundleError::NotForUs)
        ));
        assert!(matches!(
            decrypt(&[a.clone()], &c, 3),
            Err(BundleError::TooLarge(..))
        ));
        let cut = &c[..c.len() - 5];
        assert!(decrypt(&[a], cut, 1000).is_err());
    }

    #[test]
    fn identity_file_round_trip() {
        let a = Identity::generate();
        let text = a.to_file("2026-11-25");
        let ids = Identity::parse_file(&text).unwrap();
        assert_eq!(ids.len(), 1);
        assert_eq!(ids[0].public().to_string(), a.public().to_string());
        assert!(Identity::parse_file("# nothing\n").is_err());
        assert!(Identity::parse_file("AGE-SECRET-KEY-1XYZ\n").is_err());
        assert!(Recipient::parse("age1notakey").is_err());
        assert!(Recipient::parse(&a.public().to_string()).is_ok());
    }
}
