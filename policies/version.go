package policies

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"sync"
)

var catalogue = sync.OnceValue(func() string {
	h := sha256.New()
	// WalkDir visits in lexical order: the digest does not depend on the
	// machine.
	fs.WalkDir(builtinFS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := builtinFS.ReadFile(p)
		if err != nil {
			return err
		}
		h.Write([]byte(p))
		h.Write([]byte{0})
		h.Write(b)
		h.Write([]byte{0})
		return nil
	})
	return "sha256:" + hex.EncodeToString(h.Sum(nil))[:16]
})

// CatalogueVersion identifies the built-in controls: a digest of every
// embedded policy file. The history store keeps it with each scan, so a
// change of results can be told apart from a change of the controls.
func CatalogueVersion() string { return catalogue() }
