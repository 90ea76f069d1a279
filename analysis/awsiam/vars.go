package awsiam

import "strings"

// renderState is what rendering a value with policy variables found.
type renderState int8

const (
	// rendered: every variable had a value (or a default).
	rendered renderState = iota
	// absentVar: a variable's key is known to be absent and has no
	// default; IAM then treats the value as matching nothing.
	absentVar
	// unknownVar: a variable's value is not in the snapshot.
	unknownVar
)

// render substitutes the policy variables of s (${aws:username},
// ${aws:PrincipalTag/team, 'none'}, and the escapes ${*}, ${?}, ${$})
// from ctx. The variable names are case-insensitive, like condition keys.
func render(s string, ctx *Context) (string, renderState) {
	if !strings.Contains(s, "${") {
		return s, rendered
	}
	var b strings.Builder
	state := rendered
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		name := strings.TrimSpace(s[i+2 : i+j])
		s = s[i+j+1:]
		switch name {
		case "*", "?", "$":
			b.WriteString(name)
			continue
		}
		def, hasDef := "", false
		if k := strings.IndexByte(name, ','); k >= 0 {
			def = strings.Trim(strings.TrimSpace(name[k+1:]), "'")
			name, hasDef = strings.TrimSpace(name[:k]), true
		}
		vals, t := ctx.lookup(strings.ToLower(name))
		switch {
		case t == True && len(vals) > 0:
			b.WriteString(vals[0])
		case t == False && hasDef:
			b.WriteString(def)
		case t == False:
			if state == rendered {
				state = absentVar
			}
		default:
			state = unknownVar
		}
	}
	return b.String(), state
}
