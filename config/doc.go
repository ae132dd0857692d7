// Package config reads klacht's settings and its reviewed reference data.
//
// Settings come from defaults, an optional YAML file (--config, or
// klacht.yaml in the working folder) and KLACHT_* environment variables, in
// rising order of precedence; every key has a default, so every key can be
// set from the environment (KLACHT_HASH_KEY, KLACHT_DB, ...). The commented
// sample klacht.sample.yaml lists them all; a test keeps it in step with the
// defaults.
//
// Reference data (header aliases, value synonyms, organisations, regions,
// category lists) are CSV files in data/, embedded in the binary and
// overridable with data_dir. They are reviewed data, not code: change a
// synonym by editing a CSV, and the warehouse gets the same table to join.
package config
