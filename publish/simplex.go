package publish

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// span is the range of values a hidden cell can take, given everything a
// reader sees: the visible cells, the margins and that counts are not
// negative. High is +Inf when nothing bounds it.
type span struct{ low, high float64 }

func (s span) width() float64 { return s.high - s.low }

// system is the linear system a reader can set up for the hidden cells of a
// grid: one equation per known margin that holds a hidden cell (the hidden
// cells of the margin add up to its sum less its visible cells), with the
// equations that follow from the others left out, as the simplex needs.
type system struct {
	vars  []int       // the grid's cells that are unknowns, by variable
	index map[int]int // cell -> variable
	a     [][]float64 // independent equations over the variables
	b     []float64

	matrix *mat.Dense // a, for the simplex
	start  []int      // a feasible basis to start the simplex from, once known
}

// newSystem sets up the reader's equations for the cells hidden in g.
func newSystem(g *grid, hidden []bool) *system {
	s := &system{index: map[int]int{}}
	var basis [][]float64 // orthonormal, of the equations kept so far
	for _, m := range g.margins {
		rest := m.sum
		var unknown []int
		for _, c := range m.cells {
			if hidden[c] {
				unknown = append(unknown, c)
			} else {
				rest -= g.values[c]
			}
		}
		if len(unknown) == 0 {
			continue
		}
		for _, c := range unknown {
			if _, ok := s.index[c]; !ok {
				s.index[c] = len(s.vars)
				s.vars = append(s.vars, c)
				for i := range s.a {
					s.a[i] = append(s.a[i], 0)
				}
				for i := range basis {
					basis[i] = append(basis[i], 0)
				}
			}
		}
		row := make([]float64, len(s.vars))
		for _, c := range unknown {
			row[s.index[c]] = 1
		}
		if q, ok := independent(basis, row); ok {
			basis = append(basis, q)
			s.a, s.b = append(s.a, row), append(s.b, rest)
		}
	}
	return s
}

// independent reports whether row is not a combination of the orthonormal
// basis, and returns its normalised remainder to extend the basis with.
func independent(basis [][]float64, row []float64) ([]float64, bool) {
	r := append([]float64(nil), row...)
	for range 2 { // twice, for numerical stability (Gram-Schmidt)
		for _, q := range basis {
			d := 0.0
			for i := range r {
				d += r[i] * q[i]
			}
			for i := range r {
				r[i] -= d * q[i]
			}
		}
	}
	n := 0.0
	for _, x := range r {
		n += x * x
	}
	if n = math.Sqrt(n); n < 1e-9 {
		return nil, false
	}
	for i := range r {
		r[i] /= n
	}
	return r, true
}

// span returns the range of cell c: the least and the greatest value it
// takes among the solutions of the system that are not negative, each found
// by gonum's simplex, and those two solutions, by variable (nil if c is in
// no equation: then it can take any value).
func (s *system) span(c int) (span, [2][]float64, error) {
	v, ok := s.index[c]
	if !ok {
		return span{0, math.Inf(1)}, [2][]float64{}, nil
	}
	cost := make([]float64, len(s.vars))
	cost[v] = 1
	low, lowX, err := s.solve(cost)
	if err != nil {
		return span{}, [2][]float64{}, fmt.Errorf("the least value: %w", err)
	}
	cost[v] = -1
	high, highX, err := s.solve(cost)
	if err != nil { // unbounded cannot be: c is in an equation, whose sum bounds it
		return span{}, [2][]float64{}, fmt.Errorf("the greatest value: %w", err)
	}
	return span{round(low), round(-high)}, [2][]float64{lowX, highX}, nil
}

// solve minimises cost over the system's solutions that are not negative.
// The first solve of a system finds a feasible start (the simplex's first
// phase, most of its work); the later ones start from a basis of the first
// one's solution, which every cost shares.
func (s *system) solve(cost []float64) (float64, []float64, error) {
	if s.matrix == nil {
		s.matrix = mat.NewDense(len(s.a), len(s.vars), nil)
		for i, row := range s.a {
			s.matrix.SetRow(i, row)
		}
	}
	if s.start != nil {
		if opt, x, err, ok := s.solveFrom(cost); ok {
			return opt, x, err
		}
		s.start = nil // not usable after all: start afresh
	}
	opt, x, err := lp.Simplex(cost, s.matrix, s.b, 1e-10, nil)
	if err == nil {
		s.start = s.basisOf(x)
	}
	return opt, x, err
}

// solveFrom solves from the kept start; ok is false if the simplex refused
// it (it panics on a start it finds infeasible, as rounding can make one).
func (s *system) solveFrom(cost []float64) (opt float64, x []float64, err error, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	opt, x, err = lp.Simplex(cost, s.matrix, s.b, 1e-10, s.start)
	return opt, x, err, true
}

// basisOf returns a basis for the basic solution x: the variables x holds
// above zero, whose columns are independent in a basic solution, and as
// many more columns as make the basis full; nil if there are not enough.
func (s *system) basisOf(x []float64) []int {
	var basis []int
	var q [][]float64
	column := func(j int) []float64 {
		col := make([]float64, len(s.a))
		for i, row := range s.a {
			col[i] = row[j]
		}
		return col
	}
	for pass := range 2 {
		for j := range x {
			if len(basis) == len(s.a) {
				return basis
			}
			if (pass == 0) != (x[j] > 1e-9) || slices.Contains(basis, j) {
				continue
			}
			if u, ok := independent(q, column(j)); ok {
				q, basis = append(q, u), append(basis, j)
			} else if pass == 0 {
				return nil // not a basic solution
			}
		}
	}
	if len(basis) < len(s.a) {
		return nil
	}
	return basis
}

// round takes off the simplex's rounding noise: the bounds of counts are
// whole numbers.
func round(x float64) float64 {
	if r := math.Round(x); math.Abs(x-r) < 1e-6 {
		return r
	}
	return x
}
