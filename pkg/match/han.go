package match

import (
	"strings"

	"github.com/mozillazg/go-pinyin"
)

// Chinese characters are romanised to Hanyu Pinyin with the dictionary of
// github.com/mozillazg/go-pinyin (about 41,000 characters, MIT licence).
// The exported dictionary is read directly rather than through
// pinyin.SinglePinyin, which consults package-level defaults and runs
// regular expressions per character: the first (most common) reading is
// taken and its tone marks are removed by the decomposition step that
// follows, so "金正恩" becomes "jin zheng en". Each character becomes its
// own word. Japanese kanji share the table and get Mandarin readings.

// isHan reports whether r is a CJK ideograph.
func isHan(r rune) bool {
	return r >= 0x3400 && r <= 0x9FFF || r >= 0xF900 && r <= 0xFAFF ||
		r >= 0x20000 && r <= 0x3134F
}

// writeHan writes the pinyin of r as a separate word, or r itself when the
// dictionary has no reading for it.
func writeHan(b *strings.Builder, r rune) {
	readings, ok := pinyin.PinyinDict[int(r)]
	if !ok {
		b.WriteRune(r)
		return
	}
	first, _, _ := strings.Cut(readings, ",")
	b.WriteByte(markSpace)
	b.WriteString(first)
	b.WriteByte(markSpace)
}
