// Package match screens party names against an index of known parties
// (sanctions and denial lists, parties of past export-control items),
// tolerating the ways the same name is written: transliteration variants
// (QADHAFI, GADDAFI, EL-QADDAFI), other scripts, company legal forms, word
// order, and typos.
//
// # Pipeline
//
// Normalisation (Normalize, Transliterate) turns a name into tokens:
//
//  1. Cyrillic (BGN/PCGN), Hangul syllables (Revised Romanization, computed
//     from the syllable's jamo) and Chinese characters (Hanyu Pinyin, one
//     word per character) are romanised; then canonical compatibility
//     decomposition (NFKD) splits accents from letters and full-width and
//     ligature forms into plain ones; marks are dropped; Greek (ELOT 743,
//     simplified) and Arabic/Persian (letters, harakat when present, shadda
//     doubling, waw and ya as glide or vowel by position) are transliterated
//     by table; letters are lower-cased.
//  2. Apostrophes join ("Mu'ammar" -> muammar), dots after single letters
//     join ("S.A." -> sa), other punctuation separates words; hyphens and
//     the first comma are remembered.
//  3. The Arabic article (al, el, ul; sun-letter forms such as ad-, ar- when
//     hyphenated) is merged into the next word, and each token gets a core
//     without the article or an abd-/abdul- prefix, so "AL QADDAFI",
//     "AL-QADDAFI" and "ALQADDAFI" are one token with core "qaddafi".
//  4. Tokens are classified as words, particles (bin, abu, de, of...),
//     honorifics (Dr, Sheikh, General...) or legal forms (LLC, OOO, GmbH,
//     "Co., Ltd.", "S.A. de C.V.", "you xian gong si"...), from the lists in
//     lexicon.go, which are data. Nothing is deleted: kinds only set weights.
//  5. "SURNAME, Given" keeps its comma split, so both orders are available.
//  6. Each core gets a phonetic key, a consonant skeleton tolerant of
//     Q/K/G/GH, DH/D/Z/TH, SH/CH, PH/F, V/W, vowel and doubling differences
//     (Qadhafi, Gaddafi, Ghathafi -> KTF), and a canonical spelling that
//     keeps vowel classes (see phonetic.go).
//
// Scoring compares a query with one name:
//
//   - token similarity: 1 for equal text, 0.95 for equal cores, otherwise
//     the mean of Jaro-Winkler and 1 - OSA distance/length, lifted when the
//     two canonical spellings have the same consonants ("phonetic"); codes
//     (tokens with digits or without vowels) only match exactly; pairs below
//     0.8 do not match;
//   - alignment: the best pairs are taken greedily, each token at most once;
//     two adjacent tokens may match one ("Gui Qin" and "Guiqin");
//   - weights: each token weighs its inverse document frequency in the
//     index times its kind's factor (word 1, particle 0.25, honorific and
//     legal form 0.1), so rare words decide and boilerplate barely counts;
//   - the score (ScoreParts) is the weighted mean similarity of the aligned
//     pairs, reduced for unaligned query weight (0.6 per unit) and unaligned
//     name weight (0.3 per unit), less a small penalty for pairs out of
//     order in both the written and the given-name-first order, plus a
//     small bonus for a matching country. It is in [0,1].
//
// Every result carries an Explanation: the name that matched, both
// normalised forms, the aligned pairs with how each matched, the unmatched
// tokens and the score parts.
//
// Retrieval (Index.Search) does not scan. The index keeps the vocabulary of
// distinct cores, each with the list of names it occurs in, and indexes the
// vocabulary by trigram and by phonetic key. A query word finds its similar
// cores through those (Dice coefficient of trigrams, equal key, then the
// scorer's token similarity on the best of them), and the names of those
// cores accumulate the word's weight times the similarity; the best 200
// names by that total (DefaultMaxCandidates) are scored. The name lists are
// walked from the largest gain down (rare words and close spellings
// first); once they have listed 10,000 names, the remaining lists (common
// words, weak similarities) only add to names already found, so that a
// query made of common words does not rank a large part of the index.
// Index.ScanSearch scores every name with the same scorer; it is the
// reference that the tests and benchmarks compare Search with.
//
// The index is safe for concurrent searches with one writer (a
// sync.RWMutex). Per-search scratch space (accumulators, the scorer's
// tables of term similarities) is pooled, so that a search allocates
// little more than its results.
//
// # Libraries
//
// golang.org/x/text/unicode/norm (already a dependency of the module) does
// Unicode normalisation: its tables follow the Unicode version and are not
// something to hand-write. github.com/mozillazg/go-pinyin provides the
// pinyin dictionary (about 41,000 characters, MIT); a hand-made table of
// "common name characters" would be both smaller and wrong more often. Its
// exported dictionary is read directly, because its conversion functions
// consult package-level defaults and run regular expressions per character,
// and tone marks are removed by the NFKD step anyway.
//
// # Hand-written
//
// The transliteration tables for Cyrillic, Greek and Arabic, and the
// Hangul romanisation, are a few dozen entries each; no maintained Go
// library covers the three scripts with the conventions used in sanctions
// lists (unidecode ports render Arabic and Hangul poorly and are unmaintained).
// Jaro-Winkler and the OSA edit distance are written here (distance.go)
// rather than taken from github.com/adrg/strutil or
// github.com/agnivade/levenshtein: they are a few dozen lines each, and the
// scorer calls them in its inner loop, where these versions work on bytes of
// already-folded ASCII tokens without allocating (strutil converts both
// inputs to rune slices and allocates per call). The OSA distance uses
// Hyyrö's bit-vector algorithm when the shorter token fits in a machine
// word, with the row-by-row programme as the fallback and as the reference
// in the tests. The Jaro window is widened to at least one byte so that
// short tokens such as "un" and "eun" can match. The phonetic key is custom
// because Soundex and Metaphone are built for English spelling, not for
// Arabic, Russian and Korean transliteration variants.
package match
