package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"sync"
	"unicode/utf8"
)

// personJSON is the feed form of the keys every person record has.
// SourceVersion is a pointer and AsOf omitted when zero so that the hash
// can leave them out.
type personJSON struct {
	SourceID      string `json:"sourceId"`
	SourceVersion *int64 `json:"sourceVersion,omitzero"`
	AsOf          Date   `json:"asOf,omitzero"`
	Name          string `json:"name,omitzero"`
	IDNumber      string `json:"idNumber,omitzero"`
	Sex           string `json:"sex,omitzero"`
	BirthDate     Date   `json:"birthDate,omitzero"`
	Phone         string `json:"phone,omitzero"`
	Address       string `json:"address,omitzero"`
	RegionCode    string `json:"regionCode,omitzero"`
}

func (r Record) personJSON() personJSON {
	return personJSON{
		SourceID: r.SourceID, Name: r.Name, IDNumber: r.IDNumber, Sex: r.Sex,
		BirthDate: r.BirthDate, Phone: r.Phone, Address: r.Address, RegionCode: r.RegionCode,
	}
}

// result finishes a person record: canonical Attrs, Raw and Hash.
func (c *checker) result(r Record, attrs any, raw json.RawMessage) Result {
	r.Attrs = marshal(attrs)
	r.Raw = raw
	r.Hash = hashRecord(r)
	return Result{Record: r, Errors: c.errs, Warnings: c.warns}
}

// FeedJSON returns the record in feed format, one JSON object without a
// trailing newline: the person keys, then Attrs. Decoding it again yields
// the same Hash.
func (r Record) FeedJSON() []byte {
	p := r.personJSON()
	p.SourceVersion, p.AsOf = &r.SourceVersion, r.AsOf
	return mergeObjects(marshal(p), r.Attrs)
}

// FeedJSON returns the posting in feed format, one JSON object without a
// trailing newline. Decoding it again yields the same Hash.
func (j Job) FeedJSON() []byte { return marshal(j) }

func hashRecord(r Record) [32]byte {
	h := sha256.New()
	h.Write([]byte(r.Department))
	h.Write([]byte{'\n'})
	h.Write(mergeObjects(appendPersonJSON(make([]byte, 0, 256), r), r.Attrs))
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// appendPersonJSON appends marshal(r.personJSON()) — byte for byte, since
// stored hashes are compared with new ones — without reflection: encoding
// it through encoding/json was a fifth of validating a record.
func appendPersonJSON(b []byte, r Record) []byte {
	b = append(b, `{"sourceId":`...)
	b = AppendJSONString(b, r.SourceID)
	b = appendMember(b, "name", r.Name)
	b = appendMember(b, "idNumber", r.IDNumber)
	b = appendMember(b, "sex", r.Sex)
	if !r.BirthDate.IsZero() {
		b = append(b, `,"birthDate":"`...)
		b = append(r.BirthDate.AppendFormat(b, dateLayout), '"')
	}
	b = appendMember(b, "phone", r.Phone)
	b = appendMember(b, "address", r.Address)
	b = appendMember(b, "regionCode", r.RegionCode)
	return append(b, '}')
}

// appendMember appends ,"key":value unless value is empty (omitzero).
func appendMember(b []byte, key, value string) []byte {
	if value == "" {
		return b
	}
	b = append(append(append(b, ',', '"'), key...), '"', ':')
	return AppendJSONString(b, value)
}

// AppendJSONString appends s quoted as encoding/json does with HTML
// escaping off:
// short escapes for " \ \b \f \n \r \t, \u00XX for other control
// characters, \ufffd for invalid UTF-8, and \u2028, \u2029 escaped.
func AppendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(append(b, s[start:i]...), `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(append(b, s[start:]...), '"')
}

func hashJob(j Job) [32]byte {
	j.SourceVersion, j.AsOf = 0, Date{}
	return sha256.Sum256(marshal(j))
}

// mergeObjects joins two JSON objects' members: {a}+{b} = {a,b}.
func mergeObjects(a, b []byte) []byte {
	if len(b) <= 2 { // nil or {}
		return a
	}
	out := make([]byte, 0, len(a)+len(b))
	out = append(out, a[:len(a)-1]...)
	if len(a) > 2 {
		out = append(out, ',')
	}
	return append(out, b[1:]...)
}

type encoder struct {
	buf bytes.Buffer
	enc *json.Encoder
}

var encoders = sync.Pool{New: func() any {
	e := &encoder{}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false) // addresses with & stay readable in exports
	return e
}}

// marshal encodes the package's own types, which cannot fail: they hold
// no channels or funcs, and money is checked to be finite.
func marshal(v any) []byte {
	e := encoders.Get().(*encoder)
	e.buf.Reset()
	if err := e.enc.Encode(v); err != nil {
		panic("feed: encoding " + err.Error())
	}
	out := bytes.Clone(bytes.TrimSuffix(e.buf.Bytes(), []byte{'\n'}))
	if e.buf.Cap() <= 64<<10 { // let a buffer grown by a huge record go
		encoders.Put(e)
	}
	return out
}
