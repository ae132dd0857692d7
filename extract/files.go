package extract

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Files lists the files under src with one of the given extensions (lower
// case, with the dot), as paths relative to src, sorted. If src is a file, it
// is listed alone, relative to its folder. Folder names carry no meaning.
func Files(src string, exts ...string) (root string, files []string, err error) {
	info, err := os.Stat(src)
	if err != nil {
		return "", nil, fmt.Errorf("input %q: %w", src, err)
	}
	if !info.IsDir() {
		return filepath.Dir(src), []string{filepath.Base(src)}, nil
	}
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !slices.Contains(exts, strings.ToLower(filepath.Ext(path))) {
			return nil
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		files = append(files, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return "", nil, fmt.Errorf("list input %q: %w", src, err)
	}
	slices.Sort(files)
	return src, files, nil
}
