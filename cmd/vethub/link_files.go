package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/vethub/vethub/matching/tabular"
)

// linkFilesRequest is a parsed "link --config": link or deduplicate files
// with the general engine, without the hub.
type linkFilesRequest struct {
	config, left, right, out, clusters string
}

// bind adds the flags of link --config.
func (r *linkFilesRequest) bind(fls *flag.FlagSet) {
	fls.StringVar(&r.config, "config", "", "link files, not the hub: YAML comparison `config` (see matching/tabular/testdata/febrl.yaml)")
	fls.StringVar(&r.left, "left", "", "with --config: the left (or only) `file`, .csv or .ndjson")
	fls.StringVar(&r.right, "right", "", "with --config: the right `file`; without it --left is deduplicated")
	fls.StringVar(&r.out, "out", "", "with --config: write the MATCH and REVIEW pairs to this CSV `file`")
	fls.StringVar(&r.clusters, "clusters", "", "with --config: also write every record's cluster to this CSV `file`")
}

// maxReported is how many rejected rows are printed one by one.
const maxReported = 20

// linkFiles runs the request: reads the files, links them, writes the
// pairs (and clusters) and prints a summary to out, skipped rows to errOut.
func linkFiles(r linkFilesRequest, out, errOut io.Writer) error {
	if r.left == "" || r.out == "" {
		return usagef("--config needs --left and --out")
	}
	start := time.Now()
	cfg, err := tabular.LoadConfig(r.config)
	if err != nil {
		return err
	}
	left, right, err := readLinkFiles(r)
	if err != nil {
		return err
	}
	var res *tabular.Result
	if right == nil {
		res, err = tabular.Dedupe(cfg, left)
	} else {
		res, err = tabular.Link(cfg, left, right)
	}
	if err != nil {
		return err
	}
	if err := writeCSVFile(r.out, res.WritePairs); err != nil {
		return err
	}
	if r.clusters != "" {
		if err := writeCSVFile(r.clusters, res.WriteClusters); err != nil {
			return err
		}
	}
	reportRejected(errOut, res.Rejected)
	printLinkSummary(out, res, time.Since(start))
	return nil
}

func readLinkFiles(r linkFilesRequest) (left, right *tabular.Table, err error) {
	if left, err = tabular.ReadFile(r.left); err != nil {
		return nil, nil, err
	}
	if r.right != "" {
		if right, err = tabular.ReadFile(r.right); err != nil {
			return nil, nil, err
		}
	}
	return left, right, nil
}

// writeCSVFile creates path and writes it with write.
func writeCSVFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	if err := write(w); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

func reportRejected(w io.Writer, rejected []tabular.RowError) {
	for i, r := range rejected {
		if i == maxReported {
			fmt.Fprintf(w, "skipped %d more rows\n", len(rejected)-maxReported)
			return
		}
		fmt.Fprintf(w, "skipped %v\n", r)
	}
}

func printLinkSummary(w io.Writer, res *tabular.Result, took time.Duration) {
	mode, records := "dedupe", fmt.Sprint(len(res.IDs))
	if res.Link {
		mode, records = "link", fmt.Sprintf("%d + %d", res.NLeft, len(res.IDs)-res.NLeft)
	}
	fmt.Fprintf(w, "%s: %s records read, %d rows rejected; %d pairs compared, %d matches, %d reviews, %d merges refused; %s (linking %s)\n",
		mode, records, len(res.Rejected), res.Blocking.Pairs, res.Matches, res.Reviews, res.Refused,
		took.Round(time.Millisecond), res.Took.Round(time.Millisecond))
	rules := make([]string, len(res.Blocking.Rules))
	for i, name := range res.Blocking.Rules {
		rules[i] = fmt.Sprintf("%s %d", name, res.Blocking.PairsPerRule[i])
	}
	fmt.Fprintf(w, "blocking: %s; %d oversized blocks skipped; lambda %.4f\n",
		strings.Join(rules, ", "), res.Blocking.Oversized, res.Model.Lambda)
	if res.HasTruth() {
		printScore(w, "pairs", res.ScorePairs())
		printScore(w, "clusters", res.ScoreClusters())
	}
}

func printScore(w io.Writer, what string, s tabular.Score) {
	fmt.Fprintf(w, "%s: precision %.4f recall %.4f F1 %.4f (%d true pairs, %d predicted, %d correct)\n",
		what, s.Precision, s.Recall, s.F1, s.TruePairs, s.PredPairs, s.Correct)
}
