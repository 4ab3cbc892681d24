package auth_test

import (
	"bytes"
	"crypto/sha256"
	"regexp"
	"testing"

	"github.com/vethub/vethub/auth"
)

func TestNewSecret(t *testing.T) {
	t.Parallel()
	shape := regexp.MustCompile(`^vh_[A-Za-z0-9_-]{43}$`)
	a, hashA := auth.NewSecret()
	b, _ := auth.NewSecret()
	if !shape.MatchString(a) {
		t.Fatalf("token %q does not look like vh_ + 43 base64url characters", a)
	}
	if a == b {
		t.Fatal("two secrets are equal")
	}
	want := sha256.Sum256([]byte(a))
	if !bytes.Equal(hashA, want[:]) || !bytes.Equal(auth.HashSecret(a), want[:]) {
		t.Fatal("hash is not SHA-256 of the whole token")
	}
}
