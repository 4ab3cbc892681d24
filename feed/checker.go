package feed

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Length limits in runes. Free texts are capped to keep one record from
// filling a page or a column; the limits are far above real values.
const (
	maxSourceID  = 128
	maxName      = 64
	maxShortText = 200
	maxLongText  = 500
)

// checker collects the findings about one input; the field helpers record
// a finding and return the normalised value (the zero value on error).
type checker struct {
	errs  []FieldError
	warns []FieldError
}

func (c *checker) fail(path, code, format string, args ...any) {
	c.errs = append(c.errs, FieldError{Path: path, Code: code, Message: path + " " + fmt.Sprintf(format, args...)})
}

func (c *checker) warn(path, code, format string, args ...any) {
	c.warns = append(c.warns, FieldError{Path: path, Code: code, Message: path + " " + fmt.Sprintf(format, args...)})
}

// show quotes a value for a message, cut short so a huge value cannot
// bloat an error report.
func show(s string) string {
	const limit = 40
	if utf8.RuneCountInString(s) <= limit {
		return strconv.Quote(s)
	}
	r := []rune(s)
	return strconv.Quote(string(r[:limit])) + "…"
}

// item names the i-th element of a list key.
func item(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// cleanText trims s and collapses each run of white space (including
// full-width spaces, tabs and newlines) to one ASCII space.
func cleanText(s string) string {
	if !needsClean(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func needsClean(s string) bool {
	prevSpace := true // a space at the start needs trimming
	for _, r := range s {
		if !unicode.IsSpace(r) {
			prevSpace = false
			continue
		}
		if r != ' ' || prevSpace {
			return true
		}
		prevSpace = true
	}
	return prevSpace && s != ""
}

// text returns the cleaned optional text at path ("" when absent).
func (c *checker) text(path string, p *string, limit int) string {
	if p == nil {
		return ""
	}
	v := cleanText(*p)
	if n := utf8.RuneCountInString(v); n > limit {
		c.fail(path, CodeTooLong, "%s has %d characters; at most %d are allowed", show(v), n, limit)
		return ""
	}
	return v
}

// textList cleans each item, drops blank and duplicate items, keeps order.
func (c *checker) textList(path string, in []string, limit int) []string {
	return c.list(path, in, func(p string, s string) (string, bool) {
		v := c.text(p, &s, limit)
		return v, v != ""
	})
}

// list normalises each item with norm (which records its own findings
// and reports false to drop the item), then drops blanks and duplicates.
// A nil list stays nil (unknown); an empty one stays empty (none).
func (c *checker) list(path string, in []string, norm func(path, s string) (string, bool)) []string {
	if in == nil {
		return nil
	}
	out := make([]string, 0, len(in))
	for i, s := range in {
		if strings.TrimSpace(s) == "" {
			continue
		}
		// Most items have no finding, so their path (an allocation each) is
		// built only when norm records one: it is then run again with it.
		errs, warns := len(c.errs), len(c.warns)
		v, ok := norm(unbuiltPath, s)
		if len(c.errs) != errs || len(c.warns) != warns {
			c.errs, c.warns = c.errs[:errs], c.warns[:warns]
			v, ok = norm(item(path, i), s)
		}
		if ok && !contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// unbuiltPath stands for an item path that list has not built yet; no
// finding is kept with it.
const unbuiltPath = "\x00unbuilt path"

// contains is a linear search: feed lists hold a handful of items.
func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// enumValue returns the uppercase value of an optional enum key.
func (c *checker) enumValue(path string, p *string, e *enum) string {
	if p == nil {
		return ""
	}
	v, ok := c.enumItem(path, *p, e)
	if !ok {
		return ""
	}
	return v
}

func (c *checker) enumItem(path, s string, e *enum) (string, bool) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", false
	}
	v, ok := e.lookup(t)
	if !ok {
		c.fail(path, CodeInvalidEnum, "%s is not one of %s", show(s), e.list)
	}
	return v, ok
}

// enumList validates a list of enum values, deduplicated in order.
func (c *checker) enumList(path string, in []string, e *enum) []string {
	return c.list(path, in, func(p, s string) (string, bool) { return c.enumItem(p, s, e) })
}
