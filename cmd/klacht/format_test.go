package main

import (
	"math/big"
	"testing"
	"time"
)

func TestText(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{nil, ""},
		{"SAVE", "SAVE"},
		{int64(-2), "-2"},
		{float64(43), "43"},
		{float64(42.76), "42.76"},
		{float32(8.5), "8.5"},
		{big.NewInt(151), "151"},
		{true, "true"},
		{time.Date(2021, 2, 3, 0, 0, 0, 0, time.UTC), "2021-02-03"},
		{time.Date(2021, 2, 3, 10, 30, 0, 0, time.UTC), "2021-02-03T10:30:00Z"},
		{[]any{"complainant", nil}, "[complainant, ]"},
	} {
		if got := text(tc.in); got != tc.want {
			t.Errorf("text(%#v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
