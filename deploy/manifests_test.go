// Package deploy_test checks the shipped deployment examples: they parse,
// and the Indexed Job hands each pod its shard, run ID and store DSN the
// way the rampart CLI expects them.
package deploy_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/rampart-sec/rampart/history"
)

func TestCronJobShardsAnIndexedJob(t *testing.T) {
	data, err := os.ReadFile("kubernetes/cronjob.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var cj struct {
		Kind string
		Spec struct {
			JobTemplate struct {
				Spec struct {
					CompletionMode string `yaml:"completionMode"`
					Completions    int
					Parallelism    int
					Template       struct {
						Spec struct {
							ServiceAccountName string `yaml:"serviceAccountName"`
							Containers         []struct {
								Args []string
								Env  []struct {
									Name      string
									Value     string
									ValueFrom map[string]map[string]string `yaml:"valueFrom"`
								}
							}
						}
					}
				}
			} `yaml:"jobTemplate"`
		}
	}
	if err := yaml.Unmarshal(data, &cj); err != nil {
		t.Fatal(err)
	}
	job := cj.Spec.JobTemplate.Spec
	if cj.Kind != "CronJob" || job.CompletionMode != "Indexed" || job.Completions != job.Parallelism || job.Template.Spec.ServiceAccountName != "rampart" {
		t.Fatalf("not an Indexed Job of equal completions and parallelism: %+v", cj)
	}
	c := job.Template.Spec.Containers[0]
	args := strings.Join(c.Args, " ")
	for _, want := range []string{"--shard=$(JOB_COMPLETION_INDEX)/$(SHARDS)", "--run=$(JOB_NAME)", "--store "} {
		if !strings.Contains(args, want) {
			t.Errorf("args %q lack %q", args, want)
		}
	}
	env := map[string]string{}
	for _, e := range c.Env {
		env[e.Name] = e.Value
		if e.ValueFrom["secretKeyRef"] != nil {
			env[e.Name] = "secret:" + e.ValueFrom["secretKeyRef"]["name"]
		}
	}
	if env[history.EnvStore] != "secret:rampart-store" {
		t.Errorf("%s not from the secret: %v", history.EnvStore, env)
	}
	// Every index the Job hands out is a shard rampart accepts.
	for i := range job.Completions {
		if _, err := history.ParseShard(strings.NewReplacer("$(JOB_COMPLETION_INDEX)", itoa(i), "$(SHARDS)", env["SHARDS"]).Replace("$(JOB_COMPLETION_INDEX)/$(SHARDS)")); err != nil {
			t.Errorf("index %d: %v", i, err)
		}
	}
	if env["SHARDS"] != itoa(job.Completions) {
		t.Errorf("SHARDS=%s but %d completions", env["SHARDS"], job.Completions)
	}
}

func TestServiceAccountAnnotations(t *testing.T) {
	data, err := os.ReadFile("kubernetes/serviceaccount.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var sa struct {
		Metadata struct{ Annotations map[string]string }
	}
	if err := yaml.Unmarshal(data, &sa); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"eks.amazonaws.com/role-arn", "iam.gke.io/gcp-service-account", "azure.workload.identity/client-id"} {
		if sa.Metadata.Annotations[k] == "" {
			t.Errorf("annotation %s missing", k)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
