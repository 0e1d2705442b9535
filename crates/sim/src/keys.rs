//! The simulated tenant's signing key: tokens are RS256-signed, the public half is the JWKS.

use jsonwebtoken::jwk::{Jwk, JwkSet, KeyAlgorithm, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Serialize, de::DeserializeOwned};

const SIGNING_KEY_PEM: &[u8] = include_bytes!("../assets/signing-key.pem");
const KEY_ID: &str = "tenantscope-sim-1";

pub struct SigningKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    jwks: JwkSet,
}

impl SigningKeys {
    pub fn load() -> SigningKeys {
        let encoding =
            EncodingKey::from_rsa_pem(SIGNING_KEY_PEM).expect("the bundled signing key is a valid RSA key");
        let mut jwk =
            Jwk::from_encoding_key(&encoding, Algorithm::RS256).expect("an RSA key has a public JWK");
        jwk.common.key_id = Some(KEY_ID.into());
        jwk.common.public_key_use = Some(PublicKeyUse::Signature);
        jwk.common.key_algorithm = Some(KeyAlgorithm::RS256);
        let decoding = DecodingKey::from_jwk(&jwk).expect("the JWK made from the key decodes");
        SigningKeys { encoding, decoding, jwks: JwkSet { keys: vec![jwk] } }
    }

    pub fn jwks(&self) -> &JwkSet {
        &self.jwks
    }

    pub fn sign(&self, claims: &impl Serialize) -> String {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(KEY_ID.into());
        jsonwebtoken::encode(&header, claims, &self.encoding).expect("signing with a valid key succeeds")
    }

    /// Checks the signature, issuer and audience; expiry is left to the caller, who knows the
    /// simulated clock.
    pub fn verify<T: DeserializeOwned>(&self, token: &str, issuer: &str, audience: &str) -> Option<T> {
        let mut validation = Validation::new(Algorithm::RS256);
        validation.validate_exp = false;
        validation.required_spec_claims.clear();
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        jsonwebtoken::decode::<T>(token, &self.decoding, &validation).ok().map(|data| data.claims)
    }
}
