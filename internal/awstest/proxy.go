package awstest

import (
	"bytes"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// Proxy sits between the code under test and moto. It names every call on
// the wire (service from the SigV4 credential scope, operation from the
// protocol), logs it, and injects throttling, 5xx and AccessDenied. Set
// its fields before the first call goes through it.
type Proxy struct {
	*httptest.Server
	mu    sync.Mutex
	calls []Call
	rng   *rand.Rand
	// Throttle and Fail5xx are the fractions of calls answered with a
	// throttling error or a 5xx; Deny answers AccessDenied; Spare leaves a
	// call alone whatever the fractions say.
	Throttle, Fail5xx float64
	Deny              func(Call) bool
	Spare             func(Call) bool
	// Refuse answers 503 without passing the call on; LoseAnswer passes
	// it on and answers 500 in place of moto's answer, as when a response
	// is lost after the call took effect.
	Refuse, LoseAnswer func(Call) bool
}

// Call is one API call as seen on the wire.
type Call struct {
	Service, Region, Operation string
	// Form holds the parameters of a Query-protocol call (IAM, STS, EC2),
	// nil for the other protocols.
	Form url.Values
}

// String is service:Operation@region.
func (c Call) String() string { return c.Service + ":" + c.Operation + "@" + c.Region }

// NewProxy starts a proxy in front of target (moto's URL), closed when the
// test ends.
func NewProxy(t testing.TB, target string) *Proxy {
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{rng: rand.New(rand.NewSource(1))}
	rp := httputil.NewSingleHostReverseProxy(u)
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, proto := identify(r)
		p.mu.Lock()
		p.calls = append(p.calls, c)
		roll := p.rng.Float64()
		p.mu.Unlock()
		switch {
		case p.Deny != nil && p.Deny(c):
			writeError(w, proto, c, 403, accessDeniedCode(proto), "injected: not authorized to perform "+c.Operation)
		case p.Refuse != nil && p.Refuse(c):
			writeError(w, proto, c, 503, "ServiceUnavailable", "injected: refused")
		case p.LoseAnswer != nil && p.LoseAnswer(c):
			rp.ServeHTTP(httptest.NewRecorder(), r)
			writeError(w, proto, c, 500, "InternalFailure", "injected: answer lost after the call took effect")
		case p.Spare != nil && p.Spare(c):
			rp.ServeHTTP(w, r)
		case roll < p.Throttle:
			status, code := 400, "ThrottlingException"
			switch proto {
			case "query":
				code = "Throttling"
			case "ec2":
				code = "RequestLimitExceeded"
			case "rest-json":
				status, code = 429, "TooManyRequestsException"
			case "rest-xml", "cbor":
				status, code = 503, "SlowDown"
			}
			writeError(w, proto, c, status, code, "injected: rate exceeded")
		case roll < p.Throttle+p.Fail5xx:
			writeError(w, proto, c, 503, "ServiceUnavailable", "injected: service unavailable")
		default:
			rp.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(p.Close)
	return p
}

// Seed makes the proxy's fault rolls those of seed (1 by default), so
// that runs of one test meet different faults.
func (p *Proxy) Seed(seed int64) {
	p.mu.Lock()
	p.rng = rand.New(rand.NewSource(seed))
	p.mu.Unlock()
}

// Log returns the calls seen so far.
func (p *Proxy) Log() []Call {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Call(nil), p.calls...)
}

var credentialScope = regexp.MustCompile(`Credential=[^/]+/\d{8}/([^/]+)/([^/]+)/aws4_request`)

// signingNames maps SigV4 signing names to rampart's service names.
var signingNames = map[string]string{
	"config": "config-service", "access-analyzer": "accessanalyzer", "logs": "cloudwatch-logs",
	"monitoring": "cloudwatch", "s3": "s3-control",
}

// restRoutes names the operations of the REST protocols the collector uses.
var restRoutes = []struct {
	service, method string
	path            *regexp.Regexp
	op              string
}{
	{"guardduty", "GET", regexp.MustCompile(`^/detector$`), "ListDetectors"},
	{"guardduty", "POST", regexp.MustCompile(`^/detector$`), "CreateDetector"}, // by the builder's test
	{"guardduty", "GET", regexp.MustCompile(`^/detector/[^/]+$`), "GetDetector"},
	{"securityhub", "GET", regexp.MustCompile(`^/accounts$`), "DescribeHub"},
	{"accessanalyzer", "GET", regexp.MustCompile(`^/analyzer$`), "ListAnalyzers"},
	{"s3-control", "GET", regexp.MustCompile(`^/v20180820/configuration/publicAccessBlock$`), "GetPublicAccessBlock"},
	{"lambda", "GET", regexp.MustCompile(`^/2015-03-31/functions/?$`), "ListFunctions"},
}

// identify names a call and its protocol. Anything it cannot name gets an
// "UNKNOWN" operation, which the allowlist test then rejects.
func identify(r *http.Request) (Call, string) {
	c := Call{Service: "UNKNOWN", Operation: "UNKNOWN " + r.Method + " " + r.URL.Path}
	if m := credentialScope.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
		c.Region, c.Service = m[1], m[2]
		if s, ok := signingNames[c.Service]; ok {
			c.Service = s
		}
	}
	if tgt := r.Header.Get("X-Amz-Target"); tgt != "" {
		c.Operation = tgt[strings.LastIndex(tgt, ".")+1:]
		return c, "json"
	}
	if strings.HasPrefix(r.URL.Path, "/service/") && strings.Contains(r.URL.Path, "/operation/") {
		c.Operation = r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
		return c, "cbor"
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		if v, err := url.ParseQuery(string(body)); err == nil && v.Get("Action") != "" {
			c.Operation = v.Get("Action")
			c.Form = v
		}
		if c.Service == "ec2" {
			return c, "ec2"
		}
		return c, "query"
	}
	for _, rt := range restRoutes {
		if rt.service == c.Service && rt.method == r.Method && rt.path.MatchString(r.URL.Path) {
			c.Operation = rt.op
		}
	}
	if c.Service == "s3-control" {
		return c, "rest-xml"
	}
	return c, "rest-json"
}

func accessDeniedCode(proto string) string {
	switch proto {
	case "query", "ec2", "rest-xml":
		return "AccessDenied"
	}
	return "AccessDeniedException"
}

// writeError answers in the error format of the call's protocol, so the
// SDK parses the code as it would from AWS.
func writeError(w http.ResponseWriter, proto string, c Call, status int, code, msg string) {
	switch proto {
	case "query":
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>injected</RequestId></ErrorResponse>`, code, msg)
	case "ec2":
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>injected</RequestID></Response>`, code, msg)
	case "rest-xml":
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(status)
		fmt.Fprintf(w, `<Error><Code>%s</Code><Message>%s</Message></Error>`, code, msg)
	case "cbor":
		// An error body in CBOR is not worth hand-encoding: status alone.
		w.WriteHeader(status)
	default: // json and rest-json
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.Header().Set("X-Amzn-ErrorType", code)
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"__type":%q,"message":%q}`, code, msg)
	}
}
