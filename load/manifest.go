//go:build duckdb_arrow

package load

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// Source is the content of one input file and, in a warehouse's manifest,
// the years its rows are in.
type Source struct {
	SHA256 string
	Size   int64
	Years  []int
}

// Manifest is what a warehouse was loaded from: the content of each input
// file (by its path relative to the input folder), of the reviewed reference
// data, and the fingerprint of the key that made the client keys. The
// warehouse keeps it in source_files and loaded_with.
type Manifest struct {
	Files     map[string]Source
	Reference string // sha256 of the reference tables
	ClientKey string // the hash key's fingerprint (KeyUnknown: not recorded; empty: no key)
}

// KeyUnknown is the client key fingerprint of a warehouse that did not
// record it (one migrated from schema 3).
const KeyUnknown = "unknown"

// ReadManifest reads the manifest of the warehouse at path, opened
// read-only; an empty one if there is no warehouse yet.
func ReadManifest(ctx context.Context, path string) (Manifest, error) {
	m := Manifest{Files: map[string]Source{}}
	db, err := openReadOnly(path)
	if errors.Is(err, ErrNoWarehouse) {
		return m, nil
	}
	if err != nil {
		return m, err
	}
	defer db.Close()
	version, err := versionOf(ctx, db)
	if err != nil {
		return m, damaged(path, err)
	}
	files, loadedWith := "manifest", "manifest_loaded_with"
	if version == 3 {
		files, loadedWith = "manifest_schema3", "manifest_loaded_with_schema3"
	}
	res, err := rows(ctx, db, files, nil)
	if err != nil {
		return m, fmt.Errorf("read the manifest of %q: %w", path, err)
	}
	for _, r := range res.Rows {
		m.Files[r[0].(string)] = Source{SHA256: r[1].(string), Size: intOf(r[2])}
	}
	if res, err = rows(ctx, db, loadedWith, nil); err != nil {
		return m, fmt.Errorf("read the manifest of %q: %w", path, err)
	}
	for _, r := range res.Rows {
		m.Reference = r[0].(string)
		m.ClientKey, _ = r[1].(string)
	}
	if res, err = rows(ctx, db, "manifest_years", nil); err != nil {
		return m, fmt.Errorf("read the manifest of %q: %w", path, err)
	}
	for _, r := range res.Rows {
		if src, ok := m.Files[r[0].(string)]; ok {
			for _, y := range r[1].([]any) {
				src.Years = append(src.Years, int(intOf(y)))
			}
			m.Files[r[0].(string)] = src
		}
	}
	return m, nil
}

// Changes is what an import must do to bring a warehouse loaded from one
// manifest to the input of another.
type Changes struct {
	Read      map[string]bool   // files to read: new or changed, or every file when the reference data changed
	Retire    map[string]string // files whose rows go to history: Changed (a new version is read) or Removed
	Unchanged []string          // files not read again; sorted
	Reference bool              // the reference data changed: every file is read again
}

// Changes compares the manifest m of a warehouse with that of its input.
// From an empty manifest (a new warehouse, or a full rebuild) every file of
// the input is read.
func (m Manifest) Changes(input Manifest) Changes {
	c := Changes{Read: map[string]bool{}, Retire: map[string]string{}, Reference: m.Reference != input.Reference}
	for _, file := range slices.Sorted(maps.Keys(input.Files)) {
		old, known := m.Files[file]
		if !c.Reference && known && old.SHA256 == input.Files[file].SHA256 {
			c.Unchanged = append(c.Unchanged, file)
			continue
		}
		c.Read[file] = true
		if known {
			c.Retire[file] = Changed
		}
	}
	for file := range m.Files {
		if _, ok := input.Files[file]; !ok {
			c.Retire[file] = Removed
		}
	}
	return c
}

// None reports whether nothing changed: no file to read or retire, and the
// same reference data.
func (c Changes) None() bool { return len(c.Read) == 0 && len(c.Retire) == 0 && !c.Reference }

// Removals counts the files gone from the input.
func (c Changes) Removals() int {
	n := 0
	for _, reason := range c.Retire {
		if reason == Removed {
			n++
		}
	}
	return n
}

// Only returns the manifest of files alone, with m's reference data and key.
func (m Manifest) Only(files map[string]bool) Manifest {
	out := Manifest{Files: map[string]Source{}, Reference: m.Reference, ClientKey: m.ClientKey}
	for f := range files {
		if src, ok := m.Files[f]; ok {
			out.Files[f] = src
		}
	}
	return out
}
