package extract

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Kinds of file in the input.
const (
	KindRegister     = "register"      // a workbook of conversations: .xlsx, .xlsm, .ods (and .xls, refused with what to do)
	KindPartnerTable = "partner table" // a partner report as PDF, or one of its tables turned CSV
	KindIgnored      = "ignored"       // neither: a lock file, a document, a system file
)

// Extensions of the files each extractor reads (lower case, with the dot).
var (
	RegisterExts = []string{".xlsx", ".xlsm", ".ods", ".xls"}
	PartnerExts  = []string{".csv", ".pdf"}
)

// Classify says what klacht does with a file of the input, by its name:
// read it as a register or a partner table, or ignore it, and why.
func Classify(rel string) (kind, reason string) {
	base := path.Base(rel)
	ext := strings.ToLower(path.Ext(base))
	switch {
	case LockFile(rel) && strings.HasPrefix(base, "~$"):
		return KindIgnored, "Excel lock file (the workbook is open somewhere): ignored"
	case LockFile(rel):
		return KindIgnored, "LibreOffice lock file (the spreadsheet is open somewhere): ignored"
	case slices.Contains([]string{".ds_store", "thumbs.db", "desktop.ini"}, strings.ToLower(base)) || strings.HasPrefix(base, "._"):
		return KindIgnored, "a file the operating system keeps beside others: ignored"
	case slices.Contains(RegisterExts, ext):
		return KindRegister, ""
	case slices.Contains(PartnerExts, ext):
		return KindPartnerTable, ""
	case ext == "":
		return KindIgnored, "not a register or partner table (a file without an extension): ignored; registers are .xlsx, .xlsm or .ods, partner reports .pdf and their tables .csv"
	}
	return KindIgnored, fmt.Sprintf("not a register or partner table (%s): ignored; registers are .xlsx, .xlsm or .ods, partner reports .pdf and their tables .csv", ext)
}

// LockFile reports whether a file is the lock file that Excel (~$name.xlsx)
// or LibreOffice (.~lock.name.ods#) leaves beside an open workbook: never a
// register, and never in the manifest.
func LockFile(rel string) bool {
	base := path.Base(rel)
	return strings.HasPrefix(base, "~$") || strings.HasPrefix(base, ".~lock.") && strings.HasSuffix(base, "#")
}

// Files lists the files under src with one of the given extensions (lower
// case, with the dot; none: every file), as paths relative to src, sorted.
// If src is a file, it is listed alone, relative to its folder. Folder names
// carry no meaning.
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
		if d.IsDir() || len(exts) > 0 && !slices.Contains(exts, strings.ToLower(filepath.Ext(path))) {
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
