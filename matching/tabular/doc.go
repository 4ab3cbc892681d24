// Package tabular is the Fellegi–Sunter engine of matching/fs made general:
// it links two CSV or NDJSON files, or deduplicates one, as a YAML Config
// says (which columns to compare and how, how to block), so the linker can
// be scored on public benchmark sets with their own field names.
//
// The flow is fs's: prepare each record's field values once, block on the
// configured keys, compare each candidate pair into a vector of levels,
// learn u from random pairs and m by EM per blocking rule (matching/em),
// weigh, and cluster the matches without chaining. It is plain Go: no
// database. Results are deterministic for the same files and config.
package tabular
