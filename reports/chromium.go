package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// EnvChromium names a Chromium or Chrome binary to print PDFs with,
// before the ones on PATH.
const EnvChromium = "RAMPART_CHROMIUM"

// chromiumNames are the binaries looked for on PATH, in order.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// ErrNoChromium says that no browser was found to print a PDF with, and
// how to get one.
var ErrNoChromium = errors.New("--format pdf needs a headless Chromium to print the report, and none was found " +
	"(looked for $" + EnvChromium + ", then " + strings.Join(chromiumNames, ", ") + " on PATH): " +
	"install it (Debian/Ubuntu: apt-get install chromium) or set " + EnvChromium + " to a Chromium or Chrome binary; " +
	"--format html writes the same report without a browser")

// FindChromium returns the browser to print with: $RAMPART_CHROMIUM when
// set (it must exist), else the first of chromiumNames on PATH.
func FindChromium() (string, error) {
	if p := os.Getenv(EnvChromium); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("$%s=%s: not an executable: %w", EnvChromium, p, errors.Unwrap(err))
		}
		return path, nil
	}
	for _, name := range chromiumNames {
		if path, err := exec.LookPath(name); err == nil {
			return path, nil
		}
	}
	return "", ErrNoChromium
}

// chromiumTimeout bounds one browser run: a report of 500 accounts
// prints in well under a minute; a hung browser must not hang a nightly
// job.
const chromiumTimeout = 10 * time.Minute

// quietFeatures are browser features that call Google on their own (the
// network time service, sign-in, optimisation hints, ...): a report
// printed offline must reach nothing.
var quietFeatures = []string{
	"NetworkTimeServiceQuerying", "OptimizationHints", "OptimizationGuideModelDownloading", "MediaRouter",
	"Translate", "AutofillServerCommunication", "CertificateTransparencyComponentUpdater", "InterestFeedContentSuggestions",
	"DialMediaRouteProvider", "AccountConsistency", "SigninInterceptBubbleV2", "PrivacySandboxSettings4",
}

// Headless runs a headless browser on a page with a throwaway profile,
// no first-run work and no background networking, so printing a report
// reaches nothing outside the machine.
type Headless struct {
	// Binary is the browser (FindChromium).
	Binary string
	// Extra flags, e.g. --proxy-server in tests proving no request is made.
	Extra []string
}

// Run writes page to a temporary directory, runs the browser on it with
// the given flags, where the placeholder {dir} is that directory, and
// returns the browser's standard output. The directory is removed after.
func (h Headless) Run(ctx context.Context, page []byte, flags []string, use func(dir string) error) ([]byte, error) {
	dir, err := os.MkdirTemp("", "rampart-chromium-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	pagePath := filepath.Join(dir, "report.html")
	if err := os.WriteFile(pagePath, page, 0o600); err != nil {
		return nil, err
	}
	args := []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
		"--disable-extensions", "--disable-default-apps", "--disable-domain-reliability", "--disable-breakpad",
		"--disable-client-side-phishing-detection", "--disable-field-trial-config", "--metrics-recording-only",
		"--no-pings", "--no-service-autorun", "--password-store=basic", "--use-mock-keychain",
		"--disable-features=" + strings.Join(quietFeatures, ","),
		// The browser calls home on its own (component and extension
		// updates, sign-in) whatever the flags above: no name resolves,
		// so nothing leaves the machine. The report itself names no host.
		"--host-resolver-rules=MAP * ~NOTFOUND",
		"--user-data-dir=" + filepath.Join(dir, "profile"),
	}
	args = append(args, h.Extra...)
	for _, f := range flags {
		args = append(args, strings.ReplaceAll(f, "{dir}", dir))
	}
	args = append(args, "file://"+pagePath)
	ctx, cancel := context.WithTimeout(ctx, chromiumTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, h.Binary, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// The browser's own home and crash files go to the temporary
	// directory, never to the user's.
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir, "XDG_CACHE_HOME="+dir)
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s failed: %v: %s", h.Binary, err, lastLines(stderr.String(), 5))
	}
	if use != nil {
		if err := use(dir); err != nil {
			return nil, fmt.Errorf("%s: %w (browser said: %s)", h.Binary, err, lastLines(stderr.String(), 5))
		}
	}
	return stdout.Bytes(), nil
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
