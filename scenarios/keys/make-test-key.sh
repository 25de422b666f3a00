#!/usr/bin/env bash
# Generates one committed TEST key pair for the fixture build (see README.md in this folder):
#   scenarios/keys/make-test-key.sh <key-id> rsa|ec "<who it stands in for>"
# writes <key-id>.pk8 (PKCS#8 DER, unencrypted, as `apksigner --key` reads it) and
# <key-id>.x509.pem (self-signed X.509). Run once per new vendor and commit both files; running it
# again for an existing id refuses, because the fixtures' certificate digests would change.
set -euo pipefail
cd "$(dirname "$0")"

id="${1:?usage: make-test-key.sh <key-id> rsa|ec <description>}"
algorithm="${2:?usage: make-test-key.sh <key-id> rsa|ec <description>}"
who="${3:?usage: make-test-key.sh <key-id> rsa|ec <description>}"

case "$id" in
  testkey-*) ;;
  *) echo "make-test-key: key ids start with 'testkey-' so nobody mistakes them for real keys" >&2; exit 2 ;;
esac
if [ -e "$id.pk8" ] || [ -e "$id.x509.pem" ]; then
  echo "make-test-key: $id already exists; refusing to replace a committed key" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
case "$algorithm" in
  rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/key.pem" 2>/dev/null ;;
  ec) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/key.pem" ;;
  *) echo "make-test-key: algorithm must be rsa or ec" >&2; exit 2 ;;
esac
openssl pkcs8 -topk8 -nocrypt -in "$work/key.pem" -outform DER -out "$id.pk8"
openssl req -new -x509 -sha256 -days 10950 -key "$work/key.pem" \
  -subj "/CN=$who TEST key/OU=not a real signer/O=stalkerbench test fixtures" \
  -out "$id.x509.pem"
echo "$id: $(openssl x509 -in "$id.x509.pem" -noout -fingerprint -sha1)"
