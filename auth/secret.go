package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// SecretPrefix starts every token, so a leaked one is easy to recognise
// (and to grep for in logs and repositories).
const SecretPrefix = "vh_"

// NewSecret makes a token: SecretPrefix and 43 base64url characters of 32
// random bytes. Only hash, HashSecret(token), is to be stored; the token is
// shown once. It cannot fail: crypto/rand aborts the program if the
// system's randomness is broken.
func NewSecret() (token string, hash []byte) {
	b := make([]byte, 32)
	rand.Read(b)
	token = SecretPrefix + base64.RawURLEncoding.EncodeToString(b)
	return token, HashSecret(token)
}

// HashSecret is the SHA-256 of the whole token. A plain hash suffices (no
// salt or slow KDF) because the secret has 256 bits of entropy.
func HashSecret(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}
