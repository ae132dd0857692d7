package config

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/viper"
)

// Config holds klacht's settings.
type Config struct {
	Input            string        `mapstructure:"input"`
	DB               string        `mapstructure:"db"`
	DataDir          string        `mapstructure:"data_dir"`
	PublishedDir     string        `mapstructure:"published_dir"`
	HashKey          string        `mapstructure:"hash_key"`
	BatchSize        int           `mapstructure:"batch_size"`
	SkipSheets       []string      `mapstructure:"skip_sheets"`
	HeaderScanRows   int           `mapstructure:"header_scan_rows"`
	MinHeaderMatches int           `mapstructure:"min_header_matches"`
	MaxPartnerBytes  int64         `mapstructure:"max_partner_file_bytes"`
	LockTimeout      time.Duration `mapstructure:"lock_timeout"`
	ClosedBefore     int           `mapstructure:"closed_before"`
	LogFormat        string        `mapstructure:"log_format"`
	SuppressBelow    int           `mapstructure:"suppress_below"`
	SuppressZeros    bool          `mapstructure:"suppress_zeros"`
	MaxUnzipBytes    int64         `mapstructure:"max_unzip_bytes"`
	MaxUnzipRatio    int64         `mapstructure:"max_unzip_ratio"`
	MaxSheetCells    int64         `mapstructure:"max_sheet_cells"`
	MaxColumns       int           `mapstructure:"max_columns"`
	MaxCellBytes     int           `mapstructure:"max_cell_bytes"`
	MaxSharedBytes   int64         `mapstructure:"max_shared_bytes"`
	Workers          int           `mapstructure:"workers"`
	DuckDBMemory     string        `mapstructure:"duckdb_memory_limit"`
	MaxRetire        int           `mapstructure:"max_retire"`
	MaxDrop          float64       `mapstructure:"max_drop"`
	KeepGenerations  int           `mapstructure:"keep_generations"`
}

// Defaults are the value of every key when neither file nor environment sets it.
func Defaults() map[string]any {
	return map[string]any{
		"input":                  "testdata/sample",
		"db":                     "klacht.duckdb",
		"data_dir":               "",
		"published_dir":          "../shared/published",
		"hash_key":               "",
		"batch_size":             8192,
		"skip_sheets":            []string{"Dashboard", "Lijsten", "Toelichting"},
		"header_scan_rows":       30,
		"min_header_matches":     3,
		"max_partner_file_bytes": 16 << 20,
		"lock_timeout":           "10m",
		"closed_before":          0,
		"log_format":             "text",
		"suppress_below":         5,
		"suppress_zeros":         false,
		"max_unzip_bytes":        4 << 30,
		"max_unzip_ratio":        200,
		"max_sheet_cells":        100_000_000,
		"max_columns":            16384,
		"max_cell_bytes":         1 << 20,
		"max_shared_bytes":       1 << 30,
		"workers":                0,
		"duckdb_memory_limit":    "96MB",
		"max_retire":             2,
		"max_drop":               0.1,
		"keep_generations":       3,
	}
}

// DefaultFile is the config file read from the working folder when no
// --config is given.
const DefaultFile = "klacht.yaml"

// New returns a viper instance with the defaults, the KLACHT_ environment and,
// if file is not empty, that file; if file is empty, klacht.yaml in the
// working folder is read when present.
func New(file string) (*viper.Viper, error) {
	v := viper.New()
	for k, val := range Defaults() {
		v.SetDefault(k, val)
	}
	v.SetEnvPrefix("KLACHT")
	v.SetEnvKeyReplacer(strings.NewReplacer(".", "_"))
	v.AutomaticEnv()
	if file != "" {
		v.SetConfigFile(file)
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("read config %q: %w", file, err)
		}
		return v, nil
	}
	if _, err := os.Stat(DefaultFile); err == nil {
		v.SetConfigFile(DefaultFile)
		if err := v.ReadInConfig(); err != nil {
			return nil, fmt.Errorf("read config %q: %w", DefaultFile, err)
		}
	}
	return v, nil
}

// Decode returns the settings of v, checked.
func Decode(v *viper.Viper) (*Config, error) {
	var c Config
	if err := v.Unmarshal(&c); err != nil {
		return nil, fmt.Errorf("decode config: %w", err)
	}
	switch {
	case c.BatchSize < 1:
		return nil, fmt.Errorf("config batch_size is %d: it must be at least 1", c.BatchSize)
	case c.HeaderScanRows < 1:
		return nil, fmt.Errorf("config header_scan_rows is %d: it must be at least 1", c.HeaderScanRows)
	case c.LogFormat != "text" && c.LogFormat != "json":
		return nil, fmt.Errorf("config log_format is %q: want text or json", c.LogFormat)
	case c.MaxUnzipBytes < 1 || c.MaxUnzipRatio < 1 || c.MaxSheetCells < 1 || c.MaxColumns < 1 || c.MaxCellBytes < 1 || c.MaxSharedBytes < 1:
		return nil, fmt.Errorf("config max_* limits must be at least 1")
	case c.Workers < 0:
		return nil, fmt.Errorf("config workers is %d: want 0 (one per core) or more", c.Workers)
	case c.SuppressBelow < 1:
		return nil, fmt.Errorf("config suppress_below is %d: it must be at least 1", c.SuppressBelow)
	case c.LockTimeout < 0:
		return nil, fmt.Errorf("config lock_timeout is %s: it must not be negative", c.LockTimeout)
	case c.MaxPartnerBytes < 1:
		return nil, fmt.Errorf("config max_partner_file_bytes is %d: it must be at least 1", c.MaxPartnerBytes)
	case c.MinHeaderMatches < 1:
		return nil, fmt.Errorf("config min_header_matches is %d: it must be at least 1", c.MinHeaderMatches)
	case c.MaxRetire < 0:
		return nil, fmt.Errorf("config max_retire is %d: want 0 (refuse any) or more", c.MaxRetire)
	case c.MaxDrop < 0 || c.MaxDrop > 1:
		return nil, fmt.Errorf("config max_drop is %v: want a fraction from 0 to 1, such as 0.1 for 10%%", c.MaxDrop)
	case c.KeepGenerations < 0:
		return nil, fmt.Errorf("config keep_generations is %d: want 0 (keep none) or more", c.KeepGenerations)
	}
	return &c, nil
}
