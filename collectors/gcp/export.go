package gcp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"cloud.google.com/go/asset/apiv1/assetpb"
	"google.golang.org/protobuf/encoding/protojson"

	"github.com/rampart-sec/rampart/snapshot"
)

// unmarshal reads CAI's JSON: proto (snake_case) and JSON (camelCase) field
// names both, enums as names or numbers. Fields newer than this SDK are
// skipped rather than refused, since exports outlive releases.
var unmarshal = protojson.UnmarshalOptions{DiscardUnknown: true}

// IsExport reports whether data looks like a CAI export: newline-delimited
// assets (gcloud asset export) or a JSON array of them (gcloud asset list
// --format=json). Only the first asset is looked at; reading the file
// reports problems further down.
func IsExport(data []byte) bool {
	trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
	var first json.RawMessage
	if len(trimmed) > 0 && trimmed[0] == '[' {
		dec := json.NewDecoder(bytes.NewReader(trimmed))
		if _, err := dec.Token(); err != nil || !dec.More() || dec.Decode(&first) != nil {
			return false
		}
	} else {
		line, _, _ := bytes.Cut(trimmed, []byte("\n"))
		first = line
	}
	var head map[string]json.RawMessage
	if json.Unmarshal(first, &head) != nil {
		return false
	}
	var name string
	_ = json.Unmarshal(head["name"], &name)
	return strings.HasPrefix(name, "//") && (head["asset_type"] != nil || head["assetType"] != nil)
}

// ReadExport reads every asset of a CAI export file. A line or element
// that is not an asset is an error naming its position.
func ReadExport(file string, data []byte) ([]*assetpb.Asset, error) {
	start := len(data) - len(bytes.TrimLeft(data, " \t\r\n\ufeff"))
	if start < len(data) && data[start] == '[' {
		return readArray(file, data)
	}
	var out []*assetpb.Asset
	offset := 0
	for n, line := range bytes.Split(data, []byte("\n")) {
		lineStart := offset
		offset += len(line) + 1
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		a, err := parseAsset(line)
		if err != nil {
			return nil, &snapshot.InputError{File: file, Line: n + 1, Col: 1, Msg: err.Error()}
		}
		_ = lineStart
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, &snapshot.InputError{File: file, Msg: "no Cloud Asset Inventory assets in the file"}
	}
	return out, nil
}

func readArray(file string, data []byte) ([]*assetpb.Asset, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return nil, snapshot.JSONError(file, data, err)
	}
	var out []*assetpb.Asset
	for dec.More() {
		at := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, snapshot.JSONError(file, data, err)
		}
		a, err := parseAsset(raw)
		if err != nil {
			// InputOffset is just before the separator and spaces.
			rest := bytes.TrimLeft(data[at:], " \t\r\n,")
			l, c := snapshot.Position(data, int64(len(data)-len(rest))+1)
			return nil, &snapshot.InputError{File: file, Line: l, Col: c, Msg: err.Error()}
		}
		out = append(out, a)
	}
	if _, err := dec.Token(); err != nil {
		return nil, snapshot.JSONError(file, data, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		l, c := snapshot.Position(data, dec.InputOffset()+1)
		return nil, &snapshot.InputError{File: file, Line: l, Col: c, Msg: "unexpected data after the JSON array of assets"}
	}
	if len(out) == 0 {
		return nil, &snapshot.InputError{File: file, Msg: "no Cloud Asset Inventory assets in the file (an empty JSON array)"}
	}
	return out, nil
}

func parseAsset(raw []byte) (*assetpb.Asset, error) {
	var a assetpb.Asset
	if err := unmarshal.Unmarshal(raw, &a); err != nil {
		return nil, fmt.Errorf("expected a Cloud Asset Inventory asset: %s", protoMessage(err))
	}
	if !strings.HasPrefix(a.GetName(), "//") || a.GetAssetType() == "" {
		return nil, errors.New(`expected a Cloud Asset Inventory asset with a full resource "name" (//service.googleapis.com/...) and an "asset_type"`)
	}
	return &a, nil
}

// protoMessage drops protojson's "proto: " prefix and its unstable spacing.
func protoMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "proto:")
	return strings.Join(strings.Fields(msg), " ")
}
