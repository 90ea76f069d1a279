package awsconfig

import (
	"strings"
	"testing"

	"github.com/rampart-sec/rampart/config"
)

func TestAWSSection(t *testing.T) {
	cfg, err := config.Parse("c.yaml", []byte("thresholds:\n  unused_role_days: 30\naws:\n  trusted_accounts: ['222222222222']\n"), Section)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Thresholds["unused_role_days"] != 30 || cfg.Thresholds["access_key_max_age_days"] != 90 {
		t.Errorf("thresholds = %v", cfg.Thresholds)
	}
	if got := Of(cfg).TrustedAccounts; len(got) != 1 || got[0] != "222222222222" {
		t.Errorf("trusted_accounts = %v", got)
	}
	if got := Of(config.Config{}); got == nil || got.AccountIDs == nil {
		t.Errorf("a config without the section gives the defaults, got %+v", got)
	}
}

func TestAWSSectionBadAccountID(t *testing.T) {
	_, err := config.Parse("c.yaml", []byte("aws:\n  account_ids: ['12345']\n"), Section)
	if err == nil || !strings.Contains(err.Error(), `c.yaml: aws account id "12345": expected 12 digits`) {
		t.Errorf("got %v", err)
	}
}
