package identity

import "path/filepath"

// File names inside the PKI directory. Client files are "<ID>.pem" and
// "<ID>-key.pem"; ParseID forbids IDs that would collide with these.
const (
	caStem     = "ca"
	serverStem = "server"
	pemExt     = ".pem"
	keySuffix  = "-key.pem"
	caCertFile = caStem + pemExt
	caKeyFile  = caStem + keySuffix
)

// PKIDir returns the PKI directory under a data directory:
// "<dataDir>/pki".
func PKIDir(dataDir string) string { return filepath.Join(dataDir, "pki") }

// ClientFilesFor returns the paths of the CA certificate, and of the
// client certificate and private key of principal id, under a data
// directory: "<dataDir>/pki/ca.pem", "<dataDir>/pki/<ID>.pem" and
// "<dataDir>/pki/<ID>-key.pem". It does not validate id or touch the
// file system; callers that take id from input check it with [ParseID].
func ClientFilesFor(dataDir, id string) (ca, cert, key string) {
	dir := PKIDir(dataDir)
	return filepath.Join(dir, caCertFile), certPath(dir, id), keyPath(dir, id)
}

// certPath is the certificate file of name (an ID or "server") in dir.
func certPath(dir, name string) string { return filepath.Join(dir, name+pemExt) }

// keyPath is the private key file of name (an ID or "server") in dir.
func keyPath(dir, name string) string { return filepath.Join(dir, name+keySuffix) }
