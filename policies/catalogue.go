package policies

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
)

// catalogueDigest identifies the policy sources loaded (built-in and user
// directories): two engines with the same digest evaluate the same Rego,
// so a report can name the controls it was computed with. Names and
// contents are hashed, each followed by a NUL, in name order.
func catalogueDigest(srcs []source) string {
	sorted := append([]source(nil), srcs...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].file < sorted[j].file })
	h := sha256.New()
	for _, s := range sorted {
		h.Write([]byte(s.file))
		h.Write([]byte{0})
		h.Write(s.text)
		h.Write([]byte{0})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// Catalogue is the digest of the policy sources the engine loaded.
func (e *Engine) Catalogue() string { return e.catalogue }
