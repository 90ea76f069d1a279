package policies

import (
	"github.com/rampart-sec/rampart/config"
	"github.com/rampart-sec/rampart/config/awsconfig"
	"github.com/rampart-sec/rampart/config/gcpconfig"
)

// defaultConfig is the configuration of the built-in clouds at their
// defaults, as the engine receives it without a config file.
func defaultConfig() *config.Config {
	c := config.Default(awsconfig.Section, gcpconfig.Section)
	return &c
}
