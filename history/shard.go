package history

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"github.com/rampart-sec/rampart/results"
)

// Shard is part i (0-based) of n of a sharded scan. The zero value means
// unsharded.
type Shard struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// ParseShard reads "i/n" with 0 <= i < n, as --shard takes it. Indexes are
// 0-based so that Kubernetes' JOB_COMPLETION_INDEX can be passed as is.
func ParseShard(s string) (Shard, error) {
	i, n, ok := strings.Cut(s, "/")
	if !ok {
		return Shard{}, fmt.Errorf("--shard %q: expected INDEX/COUNT such as 0/4 (indexes start at 0)", s)
	}
	idx, err1 := strconv.Atoi(i)
	cnt, err2 := strconv.Atoi(n)
	if err1 != nil || err2 != nil {
		return Shard{}, fmt.Errorf("--shard %q: expected INDEX/COUNT such as 0/4 (indexes start at 0)", s)
	}
	if cnt < 1 || idx < 0 || idx >= cnt {
		return Shard{}, fmt.Errorf("--shard %q: expected 0 <= INDEX < COUNT and COUNT >= 1", s)
	}
	return Shard{Index: idx, Count: cnt}, nil
}

// IsZero reports whether this is the zero Shard (an unsharded scan).
func (s Shard) IsZero() bool { return s.Count == 0 }

// String writes "i/n", or "" for the zero Shard.
func (s Shard) String() string {
	if s.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// Owns reports whether the scope with this ID (an AWS account ID, an Azure
// subscription ID, a GCP project ID) falls in the shard. The hash is
// SHA-256, not Go's map hash, so every process, version and machine agrees
// on which shard owns which scope. The zero Shard owns everything.
func (s Shard) Owns(scopeID string) bool {
	if s.IsZero() {
		return true
	}
	sum := sha256.Sum256([]byte(scopeID))
	return binary.BigEndian.Uint64(sum[:8])%uint64(s.Count) == uint64(s.Index)
}

// Keep returns the report with only the results of the scopes the shard
// owns, its summary recounted. Controls judged from organization-wide data
// (an SCP, say) report on every account of the organization in every
// shard; kept only by the owning shard, the shards of a run add up to one
// unsharded scan. A result without an account belongs to shard 0.
func (s Shard) Keep(r *results.Report) *results.Report {
	if s.IsZero() {
		return r
	}
	out := *r
	out.Results = []results.Result{}
	for _, res := range r.Results {
		if res.Account == "" && s.Index == 0 || res.Account != "" && s.Owns(res.Account) {
			out.Results = append(out.Results, res)
		}
	}
	infos := make([]results.Control, len(r.Summary.Controls))
	for i, c := range r.Summary.Controls {
		infos[i] = results.Control{ID: c.Control, Title: c.Title, Severity: c.Severity}
	}
	out.Summary = results.Summarize(infos, out.Results)
	return &out
}
