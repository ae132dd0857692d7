package main

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"path/filepath"
	"slices"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/svmn/klacht/config"
	"github.com/svmn/klacht/extract"
	"github.com/svmn/klacht/load"
	"github.com/svmn/klacht/pipeline"
	"github.com/svmn/klacht/transform"
)

// runPlan says what a run of import or rebuild reads and what it replaces.
type runPlan struct {
	command      string
	data         config.Data  // the reviewed reference data
	input        input        // the input's files, hashed or ignored, and the reference data
	changes      load.Changes // what to read and what to retire
	year         int          // rebuild only this register year (0: all)
	fresh        bool         // start from an empty warehouse (keeping its run log)
	closedBefore int          // changes to years before it are flagged
	before       load.Counts  // what the published warehouse holds, for the drop guard
	guards       load.Guards
	keyNote      string // what the key guard says, if anything
}

// check runs the guards that need only the manifests: the hash key, and the
// files a run would retire.
func (p *runPlan) check(published load.Manifest) error {
	note, err := p.guards.CheckKey(published, p.input.manifest, p.fresh)
	if err != nil {
		return err
	}
	p.keyNote = note
	return p.guards.CheckRetire(published, p.input.manifest, p.year)
}

// manifest is what the run records as loaded: the files it reads and the
// reference data; nil for a rebuild of one year, which leaves the manifest
// as it is.
func (p runPlan) manifest() *load.Manifest {
	if p.year != 0 {
		return nil
	}
	m := p.input.manifest.Only(p.changes.Read)
	return &m
}

// stages are the stages of a run, wired through the pipeline's interfaces.
type stages struct {
	registers pipeline.Extractor                 // the registers' rows, as read
	normalise pipeline.Transformer               // those rows into conversations
	partners  pipeline.Extractor                 // the partner tables' cells
	labelName func(partner, table string) string // the column of a list table, for its view
	journal   *pipeline.Journal
}

// stages builds the stages of plan p from the settings and reference data.
func (a *app) stages(p runPlan) stages {
	cfg, data := a.cfg, p.data
	journal := pipeline.NewJournal()
	journal.OnFileDone = a.progress(len(p.changes.Read))
	for _, f := range slices.Sorted(maps.Keys(p.input.ignored)) {
		journal.Ignore(f, p.input.ignored[f])
	}
	lim := a.limits()
	partners := &extract.Partners{
		Specs: extract.SpecsOf(data.PartnerTables.Records()), Captions: extract.CaptionRulesOf(data.Captions.Records()),
		Labels: extract.LabelsOf(data.Labels.Records()), Names: extract.NamesOf(data.PartnerFiles.Records()), MaxFileBytes: cfg.MaxPartnerBytes,
		Limits: lim, Year: p.year, Only: p.changes.Read, BatchSize: cfg.BatchSize, Journal: journal,
	}
	return stages{
		registers: &extract.Registers{
			Limits: lim, Workers: cfg.Workers, Aliases: aliases(data.Headers), CategoryNames: categoryNames(data.Synonyms),
			SkipSheets: cfg.SkipSheets, HeaderScanRows: cfg.HeaderScanRows, MinHeaderMatches: cfg.MinHeaderMatches,
			BatchSize: cfg.BatchSize, Only: p.changes.Read, Journal: journal,
		},
		normalise: &transform.Registers{
			Synonyms: synonyms(data.Synonyms), Regions: regions(data.Regions), Names: orgNames(data.Organisations),
			Validity: validity(data), HashKey: cfg.HashKey, Year: p.year, BatchSize: cfg.BatchSize, Workers: cfg.Workers,
			Journal: journal,
		},
		partners: partners,
		labelName: func(partner, table string) string {
			return partners.Spec(extract.TableName{Partner: partner, Table: table}).LabelName
		},
		journal: journal,
	}
}

// conversations runs the register stages over src: its conversations,
// normalised. release releases them and the rows they were read from.
func (st stages) conversations(ctx context.Context, src string) (conv array.RecordReader, release func(), err error) {
	raw, err := st.registers.Extract(ctx, src)
	if err != nil {
		return nil, nil, err
	}
	if conv, err = st.normalise.Transform(ctx, raw); err != nil {
		raw.Release()
		return nil, nil, err
	}
	return conv, func() { conv.Release(); raw.Release() }, nil
}

// limits are the bounds against hostile files, from the settings.
func (a *app) limits() extract.Limits {
	cfg := a.cfg
	return extract.Limits{UnzipBytes: cfg.MaxUnzipBytes, Ratio: cfg.MaxUnzipRatio, SheetCells: cfg.MaxSheetCells,
		Columns: cfg.MaxColumns, CellBytes: cfg.MaxCellBytes, SharedBytes: cfg.MaxSharedBytes}
}

// execute runs plan p: the stages over the input into a working copy of the
// warehouse, published when everything succeeded.
func (a *app) execute(ctx context.Context, p runPlan) (summary, error) {
	st := a.stages(p)
	s := summary{command: p.command, db: a.cfg.DB, input: a.cfg.Input, year: p.year, skipped: len(p.changes.Unchanged),
		keyFingerprint: p.input.manifest.ClientKey, keyNote: p.keyNote}
	if a.cfg.HashKey == "" {
		a.log.Warn("hash_key is not set (KLACHT_HASH_KEY): dossier numbers are dropped and client_key stays empty")
	}
	if p.keyNote != "" {
		a.log.Warn(p.keyNote)
	}
	started := time.Now()
	// Reading starts at once: shared strings and the first batches are read
	// while DuckDB opens the warehouse and loads the reference data.
	conv, release, err := st.conversations(ctx, a.cfg.Input)
	if err != nil {
		return s, err
	}
	defer release()
	opts := load.BuildOptions{Fresh: p.fresh, Keep: a.cfg.KeepGenerations, Warn: func(msg string, err error) { a.log.Warn(msg, "err", err) }}
	err = load.Build(ctx, a.cfg.DB, opts, func(w *load.Warehouse) error {
		return a.build(ctx, w, p, st, conv, started, &s)
	})
	return s, err
}

// build does the run on the warehouse's working copy: it loads the reference
// data, the conversations and the partner tables, settles the files, checks
// that no year dropped more than the guards allow, and records the run.
func (a *app) build(ctx context.Context, w *load.Warehouse, p runPlan, st stages, conv array.RecordReader, started time.Time, s *summary) error {
	if p.fresh {
		if err := w.KeepRunLog(ctx, a.cfg.DB); err != nil {
			a.log.Warn("run history of the previous warehouse not kept", "err", err)
		}
	}
	runID, err := w.BeginRun(ctx, load.Run{Command: p.command, Year: p.year, Input: a.cfg.Input, Started: started})
	if err != nil {
		return err
	}
	s.runID = runID
	if err := w.ClearYear(ctx, p.year); err != nil {
		return err
	}
	if err := a.loadReference(ctx, w, p.data, st.journal); err != nil {
		return err
	}
	var dst pipeline.Loader = w
	if err := dst.Load(ctx, load.Conversations, conv); err != nil {
		return err
	}
	cells, err := st.partners.Extract(ctx, a.cfg.Input)
	if err != nil {
		return err
	}
	defer cells.Release()
	if err := dst.Load(ctx, load.PartnerCells, cells); err != nil {
		return err
	}
	load.Fault("loaded")
	settled, err := w.Settle(ctx, load.Settlement{Failed: failedFiles(st.journal), Retire: p.changes.Retire,
		ClosedBefore: p.closedBefore, Manifest: p.manifest()})
	if err != nil {
		return err
	}
	s.retired, s.closed = settled.Retired, settled.Closed
	s.files, s.rejects, s.notes = st.journal.Files(), int64(len(st.journal.Rejects())), len(st.journal.Notes())
	if s.counts, err = w.Counts(ctx); err != nil {
		return err
	}
	if err := p.guards.CheckDrop(p.before, s.counts, p.year); err != nil {
		return err
	}
	if err := w.PartnerViews(ctx, st.labelName); err != nil {
		return err
	}
	if err := w.Describe(ctx, warehouseComments()); err != nil {
		return err
	}
	if err := w.ReportViews(ctx, reportViews()); err != nil {
		return err
	}
	return w.RecordRun(ctx, st.journal, p.changes.Unchanged, settled)
}

// loadReference replaces the reference tables with the reviewed data and the
// printed totals (if the published folder is there).
func (a *app) loadReference(ctx context.Context, w *load.Warehouse, data config.Data, j *pipeline.Journal) error {
	tables := data.Tables()
	totals, err := config.PrintedTotals(a.cfg.PublishedDir)
	switch {
	case err == nil:
		tables = append(tables, totals)
	case errors.Is(err, fs.ErrNotExist):
		j.Note(pipeline.Location{File: filepath.Join(a.cfg.PublishedDir, "totals.csv")}, "no printed totals (published_dir): klacht check has nothing to compare")
	default:
		return err
	}
	for _, t := range tables {
		rr := pipeline.Strings(t.Header, t.Rows)
		err := w.ReplaceTable(ctx, t.Name, rr)
		rr.Release()
		if err != nil {
			return err
		}
	}
	return nil
}

// failedFiles are the files of the journal that could not be read.
func failedFiles(j *pipeline.Journal) map[string]bool {
	out := map[string]bool{}
	for _, f := range j.Files() {
		if f.Status == pipeline.StatusFailed {
			out[f.File] = true
		}
	}
	return out
}
