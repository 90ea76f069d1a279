package gcp

import (
	"encoding/json"
	"sort"
	"strings"

	"cloud.google.com/go/asset/apiv1/assetpb"

	"github.com/rampart-sec/rampart/snapshot"
)

func (b *Builder) addSA(a *assetpb.Asset, raw []byte) {
	var d struct {
		Email       string `json:"email"`
		UniqueID    string `json:"uniqueId"`
		DisplayName string `json:"displayName"`
		Disabled    bool   `json:"disabled"`
		ProjectID   string `json:"projectId"`
	}
	if json.Unmarshal(raw, &d) != nil {
		return
	}
	b.sas[a.GetName()] = &snapshot.GCPServiceAccount{
		Name: a.GetName(), Account: d.ProjectID, Email: d.Email, UniqueID: d.UniqueID,
		DisplayName: d.DisplayName, Disabled: d.Disabled,
		Default: snapshot.GCPDefaultServiceAccount(d.Email),
	}
}

func (b *Builder) addKey(a *assetpb.Asset, raw []byte) {
	var d struct {
		KeyType         string `json:"keyType"`
		ValidAfterTime  string `json:"validAfterTime"`
		ValidBeforeTime string `json:"validBeforeTime"`
		Disabled        bool   `json:"disabled"`
	}
	if json.Unmarshal(raw, &d) != nil {
		return
	}
	sa := ""
	if _, rest, ok := strings.Cut(a.GetName(), "/serviceAccounts/"); ok {
		sa, _, _ = strings.Cut(rest, "/keys/")
	}
	kt := d.KeyType
	if kt == "KEY_TYPE_UNSPECIFIED" {
		kt = ""
	}
	b.keys[a.GetName()] = &snapshot.GCPServiceAccountKey{
		Name: a.GetName(), ServiceAccount: sa, KeyType: kt,
		ValidAfter: parseTime(d.ValidAfterTime), ValidBefore: parseTime(d.ValidBeforeTime), Disabled: d.Disabled,
	}
}

func (b *Builder) addSink(a *assetpb.Asset, raw []byte) {
	var d struct {
		Filter          string `json:"filter"`
		Destination     string `json:"destination"`
		IncludeChildren bool   `json:"includeChildren"`
		Disabled        bool   `json:"disabled"`
	}
	if json.Unmarshal(raw, &d) != nil {
		return
	}
	parent := a.GetResource().GetParent()
	if parent == "" {
		parent = containerOf(a.GetName())
	}
	b.sinks[a.GetName()] = &snapshot.GCPLogSink{
		Name: a.GetName(), Parent: parent, Filter: d.Filter, Destination: d.Destination,
		IncludeChildren: d.IncludeChildren, Disabled: d.Disabled,
	}
}

func (b *Builder) addWIF(a *assetpb.Asset, raw []byte) {
	var d struct {
		State              string            `json:"state"`
		Disabled           bool              `json:"disabled"`
		AttributeMapping   map[string]string `json:"attributeMapping"`
		AttributeCondition string            `json:"attributeCondition"`
		OIDC               *struct {
			IssuerURI        string   `json:"issuerUri"`
			AllowedAudiences []string `json:"allowedAudiences"`
		} `json:"oidc"`
		AWS  json.RawMessage `json:"aws"`
		SAML json.RawMessage `json:"saml"`
	}
	if json.Unmarshal(raw, &d) != nil {
		return
	}
	p := &snapshot.GCPWIFProvider{
		Name: a.GetName(), State: d.State, Disabled: d.Disabled,
		AttributeCondition: d.AttributeCondition, AttributeMapping: d.AttributeMapping,
		AllowedAudiences: []string{},
	}
	if p.AttributeMapping == nil {
		p.AttributeMapping = map[string]string{}
	}
	switch {
	case d.OIDC != nil:
		p.Kind = "oidc"
		p.IssuerURI = d.OIDC.IssuerURI
		p.AllowedAudiences = append(p.AllowedAudiences, d.OIDC.AllowedAudiences...)
	case len(d.AWS) > 0:
		p.Kind = "aws"
	case len(d.SAML) > 0:
		p.Kind = "saml"
	default:
		p.Kind = "x509"
	}
	b.wif[a.GetName()] = p
}

func (b *Builder) addInstance(a *assetpb.Asset, raw []byte) {
	var d struct {
		Status          string `json:"status"`
		ServiceAccounts []struct {
			Email  string   `json:"email"`
			Scopes []string `json:"scopes"`
		} `json:"serviceAccounts"`
	}
	if json.Unmarshal(raw, &d) != nil {
		return
	}
	i := &snapshot.GCPInstance{Name: a.GetName(), Status: d.Status, ServiceAccounts: []snapshot.GCPInstanceServiceAcc{}}
	for _, sa := range d.ServiceAccounts {
		scopes := append([]string{}, sa.Scopes...)
		sort.Strings(scopes)
		i.ServiceAccounts = append(i.ServiceAccounts, snapshot.GCPInstanceServiceAcc{Email: sa.Email, Scopes: scopes})
	}
	b.instances[a.GetName()] = i
}

func (b *Builder) addOrgPolicyV2(a *assetpb.Asset, raw []byte) {
	container, op, ok := orgPolicyV2(raw)
	if !ok {
		return
	}
	// The policy's name may use the project's ID or number; its ancestors
	// name the level by number, as the hierarchy's own assets do.
	if anc := a.GetAncestors(); len(anc) > 0 {
		container = fullName(anc[0])
	}
	b.orgV2[container] = append(b.orgV2[container], op)
	b.container(container)
}
