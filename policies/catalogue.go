package policies

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
)

// catalogueOf names the controls an engine evaluates: the built-in
// catalogue's version (CatalogueVersion, what the history store records),
// followed, when --policy-dir added policies, by the digest of those.
func catalogueOf(user []source) string {
	if len(user) == 0 {
		return CatalogueVersion()
	}
	return CatalogueVersion() + "+policy-dir:" + catalogueDigest(user)[:len("sha256:")+16]
}

// catalogueDigest identifies a set of policy sources: names and contents
// are hashed, each followed by a NUL, in name order, so the order they were
// loaded in does not matter.
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

// Catalogue names the controls the engine loaded (catalogueOf).
func (e *Engine) Catalogue() string { return e.catalogue }
