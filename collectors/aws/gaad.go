package aws

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/rampart-sec/rampart/snapshot"
	"github.com/rampart-sec/rampart/snapshot/iampolicy"
)

// gaad is the output of iam:GetAccountAuthorizationDetails in the shape the
// API and `aws iam get-account-authorization-details` share. Live pages are
// converted to it through JSON, so live collection and offline evidence go
// through one mapping. Policy documents are json.RawMessage because the API
// gives URL-encoded strings and the CLI gives JSON objects.
type gaad struct {
	UserDetailList  []gaadUser
	GroupDetailList []gaadGroup
	RoleDetailList  []gaadRole
	Policies        []gaadPolicy
}

type gaadUser struct {
	UserName, Arn, UserId, Path string
	CreateDate                  *cliTime
	GroupList                   []string
	AttachedManagedPolicies     []gaadAttached
	UserPolicyList              []gaadInline
	PermissionsBoundary         *gaadBoundary
	Tags                        []gaadTag
}

type gaadGroup struct {
	GroupName, Arn, GroupId, Path string
	CreateDate                    *cliTime
	AttachedManagedPolicies       []gaadAttached
	GroupPolicyList               []gaadInline
}

type gaadRole struct {
	RoleName, Arn, RoleId, Path string
	CreateDate                  *cliTime
	AssumeRolePolicyDocument    json.RawMessage
	RoleLastUsed                *struct {
		LastUsedDate *cliTime
		Region       *string
	}
	AttachedManagedPolicies []gaadAttached
	RolePolicyList          []gaadInline
	PermissionsBoundary     *gaadBoundary
	Tags                    []gaadTag
	InstanceProfileList     []struct{ Arn string }
}

type gaadPolicy struct {
	PolicyName, Arn, PolicyId, Path, DefaultVersionId string
	AttachmentCount                                   *int
	CreateDate, UpdateDate                            *cliTime
	PolicyVersionList                                 []struct {
		Document         json.RawMessage
		VersionId        string
		IsDefaultVersion bool
	}
}

type gaadAttached struct{ PolicyName, PolicyArn string }

type gaadInline struct {
	PolicyName     string
	PolicyDocument json.RawMessage
}

type gaadBoundary struct{ PermissionsBoundaryArn string }

type gaadTag struct{ Key, Value string }

// cliTime reads a timestamp as the API (RFC 3339) or the AWS CLI writes it:
// RFC 3339 with or without fractional seconds, or epoch seconds when the
// CLI is configured with cli_timestamp_format = none.
type cliTime struct{ time.Time }

func (t *cliTime) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	if len(b) > 0 && b[0] != '"' {
		var secs float64
		if err := json.Unmarshal(b, &secs); err != nil {
			return fmt.Errorf("timestamp %s: %w", b, err)
		}
		t.Time = time.Unix(0, int64(secs*1e9)).UTC()
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999-0700", "2006-01-02 15:04:05.999999999-07:00"} {
		if v, err := time.Parse(layout, s); err == nil {
			t.Time = v.UTC()
			return nil
		}
	}
	return fmt.Errorf("timestamp %q is not RFC 3339", s)
}

func (t *cliTime) ptr() *time.Time {
	if t == nil || t.IsZero() {
		return nil
	}
	v := t.Time.UTC()
	return &v
}

// apply maps the authorization details onto the account. Users get their
// credential-report fields later, in mergeCredentialReport.
func (g *gaad) apply(a *snapshot.AWSAccount) {
	a.Users = make([]snapshot.IAMUser, 0, len(g.UserDetailList))
	for _, u := range g.UserDetailList {
		a.Users = append(a.Users, snapshot.IAMUser{
			Name: u.UserName, ARN: u.Arn, ID: u.UserId, Path: u.Path,
			Created:             u.CreateDate.ptr(),
			Groups:              nonNil(u.GroupList),
			AttachedPolicies:    attached(u.AttachedManagedPolicies),
			InlinePolicies:      inline(u.UserPolicyList),
			PermissionsBoundary: boundary(u.PermissionsBoundary),
			Tags:                tags(u.Tags),
		})
	}
	a.Groups = make([]snapshot.IAMGroup, 0, len(g.GroupDetailList))
	for _, gr := range g.GroupDetailList {
		a.Groups = append(a.Groups, snapshot.IAMGroup{
			Name: gr.GroupName, ARN: gr.Arn, ID: gr.GroupId, Path: gr.Path,
			Created:          gr.CreateDate.ptr(),
			AttachedPolicies: attached(gr.AttachedManagedPolicies),
			InlinePolicies:   inline(gr.GroupPolicyList),
		})
	}
	a.Roles = make([]snapshot.IAMRole, 0, len(g.RoleDetailList))
	for _, r := range g.RoleDetailList {
		trust := iampolicy.Decode(r.AssumeRolePolicyDocument)
		role := snapshot.IAMRole{
			Name: r.RoleName, ARN: r.Arn, ID: r.RoleId, Path: r.Path,
			Created:             r.CreateDate.ptr(),
			ServiceLinked:       strings.HasPrefix(r.Path, "/aws-service-role/"),
			TrustPolicy:         trust.Doc,
			TrustPolicyRaw:      trust.Raw,
			TrustPolicyError:    trust.Err,
			AttachedPolicies:    attached(r.AttachedManagedPolicies),
			InlinePolicies:      inline(r.RolePolicyList),
			PermissionsBoundary: boundary(r.PermissionsBoundary),
			Tags:                tags(r.Tags),
			InstanceProfiles:    []string{},
		}
		for _, ip := range r.InstanceProfileList {
			role.InstanceProfiles = append(role.InstanceProfiles, ip.Arn)
		}
		sort.Strings(role.InstanceProfiles)
		// GAAD always returns RoleLastUsed; an empty one means "not used
		// within IAM's tracking period", which is a known answer.
		role.LastUsed = &snapshot.RoleLastUsed{}
		if r.RoleLastUsed != nil {
			role.LastUsed.Date = r.RoleLastUsed.LastUsedDate.ptr()
			if r.RoleLastUsed.Region != nil {
				role.LastUsed.Region = *r.RoleLastUsed.Region
			}
		}
		a.Roles = append(a.Roles, role)
	}
	a.Policies = make([]snapshot.ManagedPolicy, 0, len(g.Policies))
	for _, p := range g.Policies {
		mp := snapshot.ManagedPolicy{
			Name: p.PolicyName, ARN: p.Arn, ID: p.PolicyId, Path: p.Path,
			AWSManaged:     strings.Contains(p.Arn, ":iam::aws:policy/"),
			DefaultVersion: p.DefaultVersionId,
			Created:        p.CreateDate.ptr(),
			Updated:        p.UpdateDate.ptr(),
		}
		if mp.Name == "" {
			// A managed policy's name is the last segment of its ARN; moto
			// leaves PolicyName out of these details.
			mp.Name = p.Arn[strings.LastIndex(p.Arn, "/")+1:]
		}
		if p.AttachmentCount != nil {
			mp.AttachmentCount = *p.AttachmentCount
		}
		for _, v := range p.PolicyVersionList {
			if v.IsDefaultVersion || (v.VersionId != "" && v.VersionId == p.DefaultVersionId) {
				d := iampolicy.Decode(v.Document)
				mp.Document, mp.DocumentRaw, mp.DocumentError = d.Doc, d.Raw, d.Err
				break
			}
		}
		a.Policies = append(a.Policies, mp)
	}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func attached(in []gaadAttached) []snapshot.AttachedPolicy {
	out := make([]snapshot.AttachedPolicy, 0, len(in))
	for _, p := range in {
		out = append(out, snapshot.AttachedPolicy{Name: p.PolicyName, ARN: p.PolicyArn})
	}
	return out
}

func inline(in []gaadInline) []snapshot.InlinePolicy {
	out := make([]snapshot.InlinePolicy, 0, len(in))
	for _, p := range in {
		d := iampolicy.Decode(p.PolicyDocument)
		out = append(out, snapshot.InlinePolicy{Name: p.PolicyName, Document: d.Doc, DocumentRaw: d.Raw, DocumentError: d.Err})
	}
	return out
}

func boundary(b *gaadBoundary) string {
	if b == nil {
		return ""
	}
	return b.PermissionsBoundaryArn
}

func tags(in []gaadTag) map[string]string {
	if len(in) == 0 {
		return nil
	}
	out := make(map[string]string, len(in))
	for _, t := range in {
		out[t.Key] = t.Value
	}
	return out
}
