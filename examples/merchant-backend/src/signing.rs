//! Signing the signature payload. The SDK checks the signature against the exact bytes of the
//! `signaturePayload` string, so signers take bytes, never a re-serialized value.

use std::hash::{DefaultHasher, Hash, Hasher};

/// Signs the exact bytes of a signature payload with the merchant's key.
pub trait Signer {
    fn sign(&self, message: &[u8]) -> String;
}

/// A STAND-IN for a real signer, so the example needs no crypto crate: a keyed hex digest from
/// the standard library's hasher. It is not a signature and not secure. A real backend signs
/// with the private key that `merchantKeyId` names, as the SDK's documentation requires.
#[derive(Debug, Clone)]
pub struct StandInSigner {
    secret: Vec<u8>,
}

impl StandInSigner {
    pub fn new(secret: impl Into<Vec<u8>>) -> Self {
        StandInSigner {
            secret: secret.into(),
        }
    }

    /// Whether `signature` is what this signer gives for `message`.
    pub fn verify(&self, message: &[u8], signature: &str) -> bool {
        self.sign(message) == signature
    }
}

impl Signer for StandInSigner {
    fn sign(&self, message: &[u8]) -> String {
        // `DefaultHasher::new()` uses fixed keys, so the digest is stable within a build.
        let mut hasher = DefaultHasher::new();
        self.secret.hash(&mut hasher);
        message.hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_depends_on_key_and_every_byte() {
        let signer = StandInSigner::new("secret");
        let signature = signer.sign(b"{\"a\":1}");
        assert_eq!(signature.len(), 16);
        assert!(signer.verify(b"{\"a\":1}", &signature));
        assert!(!signer.verify(b"{\"a\": 1}", &signature));
        assert_ne!(StandInSigner::new("other").sign(b"{\"a\":1}"), signature);
    }
}
