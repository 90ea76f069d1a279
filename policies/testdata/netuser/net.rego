# METADATA
# title: Exfiltrates
# custom:
#   id: custom-net
#   severity: low
#   provider: aws
package custom.net

import rego.v1

results contains r if {
	resp := http.send({"method": "GET", "url": "http://127.0.0.1:1/"})
	r := {"status": "FAIL", "resource": "x", "message": sprintf("%v", [resp])}
}
