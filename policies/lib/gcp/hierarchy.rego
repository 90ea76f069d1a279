# METADATA
# description: |
#   The GCP resource hierarchy: every organization, folder and project of
#   the snapshot, found by full resource name, and the chain of levels a
#   policy set above a level reaches it through. A chain is complete only
#   when every ancestor is in the snapshot; inheritance is never guessed.
package rampart.lib.gcp.hierarchy

import rego.v1

# containers are all organizations, folders and projects.
containers := array.concat(array.concat(object.get(input.gcp, "organizations", []), object.get(input.gcp, "folders", [])), object.get(input.gcp, "projects", []))

# by_name finds a container by its full resource name.
by_name[c.name] := c if some c in containers

# asset_type is the CAI asset type of a container.
asset_type(c) := "cloudresourcemanager.googleapis.com/Organization" if c.type == "organization"

asset_type(c) := "cloudresourcemanager.googleapis.com/Folder" if c.type == "folder"

asset_type(c) := "cloudresourcemanager.googleapis.com/Project" if c.type == "project"

# known_ancestry holds for a container whose ancestors are known and all
# in the snapshot.
known_ancestry(c) if {
	c.ancestors != null
	every a in c.ancestors {
		by_name[a]
	}
}

# missing_ancestors names why c's ancestry is incomplete.
missing_ancestors(c) := ["the levels above are unknown (no hierarchy in the input)"] if c.ancestors == null

missing_ancestors(c) := [a | some a in c.ancestors; not by_name[a]] if c.ancestors != null

# chain is c followed by its ancestors, nearest first (only when known).
chain(c) := array.concat([c], [by_name[a] | some a in c.ancestors]) if known_ancestry(c)

# ancestry_note explains an unknown ancestry in one phrase.
ancestry_note(c) := sprintf("the levels above %s are not in the input (%s)", [c.name, concat(", ", missing_ancestors(c))])
