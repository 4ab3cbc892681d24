package tabular

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// WritePairs writes the MATCH and REVIEW pairs as CSV: left_id, right_id,
// probability, weight, decision, then each field's comparison level.
func (r *Result) WritePairs(w io.Writer) error {
	cw := csv.NewWriter(w)
	header := append([]string{"left_id", "right_id", "probability", "weight", "decision"}, r.Fields...)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write pairs: %w", err)
	}
	row := make([]string, len(header))
	for _, p := range r.Pairs {
		row[0], row[1] = r.IDs[p.A], r.IDs[p.B]
		row[2] = strconv.FormatFloat(p.Probability, 'f', 6, 64)
		row[3] = strconv.FormatFloat(p.Weight, 'f', 3, 64)
		row[4] = "REVIEW"
		if p.Match {
			row[4] = "MATCH"
		}
		for f, l := range p.Levels {
			row[5+f] = r.Levels[f][l]
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("write pairs: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write pairs: %w", err)
	}
	return nil
}

// WriteClusters writes every record's cluster as CSV: file (left or
// right), id, cluster (numbered from 1 in order of first record) and the
// cluster's size.
func (r *Result) WriteClusters(w io.Writer) error {
	number := map[int32]int{}
	size := map[int32]int{}
	for _, e := range r.Entity {
		if _, ok := number[e]; !ok {
			number[e] = len(number) + 1
		}
		size[e]++
	}
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"file", "id", "cluster", "size"}); err != nil {
		return fmt.Errorf("write clusters: %w", err)
	}
	for i, e := range r.Entity {
		file := "left"
		if !r.isLeft(int32(i)) {
			file = "right"
		}
		if err := cw.Write([]string{file, r.IDs[i], strconv.Itoa(number[e]), strconv.Itoa(size[e])}); err != nil {
			return fmt.Errorf("write clusters: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write clusters: %w", err)
	}
	return nil
}
