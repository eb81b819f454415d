/* Passes over a text's characters in C, each reading a character once:
 *
 * - scan: what `cleaner.text.scan._scan` computes with an encode, a
 *   translate and several searches of the whole text;
 * - trigrams: the letter trigrams of a document's keys, which spare the
 *   case-insensitive searches it cannot match (`cleaner.rules.compile`);
 * - vote_words: the stopword lookups of the language vote
 *   (`cleaner.text.lang.vote`), without lowering and splitting the text;
 * - json_string: a clean text as orjson writes it in a JSON line
 *   (`cleaner.batch.process.encode`), without CPython's UTF-8 encoding.
 *
 * Optional: wheels carry it compiled (hatch_build.py), and without it the
 * Python code computes the same answers (tests compare the two). The
 * character tables come from Python (`cleaner.text.scan._classes`,
 * `cleaner.rules.compile._letters`); the character data here is Latin-1's
 * case pairs (A-Z, À-Þ but ×) and JSON's escapes, which tests check against
 * `str.lower` and orjson.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Bits of a BMP character's class byte; keep in step with scan.py. */
enum {
    HARMLESS = 1,     /* an ASCII character no check asks about: left out of `rare` */
    NOT_PLAIN = 2,    /* special, exotic space, or not surely NFC-inert */
    LEAD_1252 = 4,    /* a UTF-8 lead byte read as Windows-1252 */
    FOLLOW_1252 = 8,  /* a continuation byte read so: LEAD_1252 << 1 */
    LEAD_1251 = 16,   /* a Cyrillic lead byte read as Windows-1251 */
    FOLLOW_1251 = 32, /* LEAD_1251 << 1 */
    LOST_A0 = 64,     /* a lead whose A0 byte may have become a space */
    SPACE = 128,      /* the plain space: LOST_A0 << 1 */
};
#define PAIR_FOLLOWERS (FOLLOW_1252 | FOLLOW_1251 | SPACE)

typedef struct {
    Py_ssize_t rare_length;
    Py_ssize_t extra_utf8; /* UTF-8 bytes beyond one per character */
    unsigned seen;         /* the OR of every character's class */
    unsigned pairs;        /* a lead then its follower, somewhere */
    unsigned double_space;
    unsigned edge_space;   /* a plain space right before or after a LF */
    PyObject *line_spaces; /* a list: the plain spaces of each line (split on LF) */
    int astral;            /* a character beyond the BMP (classed by Python) */
} Found;

#if defined(__GNUC__)
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define UNLIKELY(x) (x)
#endif

/* Adds a line's count of spaces to `list`; 0 with an exception set when out of memory. */
static int
append_count(PyObject *list, Py_ssize_t count)
{
    PyObject *number = PyLong_FromSsize_t(count);
    if (number == NULL) {
        return 0;
    }
    int failed = PyList_Append(list, number);
    Py_DECREF(number);
    return failed == 0;
}

/* Each character's class is looked up once. Most characters are harmless ASCII,
 * where only a double space and the count of spaces matter: that path is one
 * table load, a test and a few bit operations. A pair is a bit of the previous
 * class shifted against this one; a lead that lost its A0 byte looks at the
 * character after it. Returns 0, or -1 with an exception set (no memory for
 * the line counts). */
#define SCAN_BODY(CHAR_T)                                                         \
    static int scan_##CHAR_T(const CHAR_T *chars, Py_ssize_t length,             \
                              const unsigned char *classes, Py_UCS4 *rare,        \
                              Found *found)                                       \
    {                                                                             \
        unsigned previous = 0, seen = 0, pairs = 0, doubles = 0, edges = 0;       \
        Py_ssize_t kept = 0, extra = 0, spaces = 0;                               \
        int astral = 0;                                                           \
        for (Py_ssize_t i = 0; i < length; i++) {                                 \
            Py_UCS4 c = chars[i];                                                 \
            unsigned cls = (sizeof(CHAR_T) < 4 || c < 0x10000) ? classes[c] : 0;  \
            if (cls & HARMLESS) {                                                 \
                spaces += cls >> 7; /* SPACE: the plain space, and nothing else */  \
                doubles |= previous & cls;                                        \
                previous = cls;                                                   \
                continue;                                                         \
            }                                                                     \
            if (c == '\n') {                                                     \
                /* Classed 0, not harmless, to come here: a space on either    \
                 * side is a line's edge. Otherwise it is the harmless LF. */   \
                edges |= previous & SPACE;                                        \
                if (i + 1 < length && chars[i + 1] == ' ') {                      \
                    edges |= SPACE;                                               \
                }                                                                 \
                if (!append_count(found->line_spaces, spaces)) {                  \
                    return -1;                                                    \
                }                                                                 \
                spaces = 0;                                                       \
                previous = HARMLESS;                                              \
                continue;                                                         \
            }                                                                     \
            if (UNLIKELY(sizeof(CHAR_T) == 4 && c >= 0x10000)) {                  \
                astral = 1;                                                       \
            }                                                                     \
            seen |= cls;                                                          \
            pairs |= (previous << 1) & cls;                                       \
            if (UNLIKELY((cls & LOST_A0) && i + 1 < length && chars[i + 1] == ' ')) { \
                pairs |= SPACE;                                                   \
            }                                                                     \
            extra += (c >= 0x80) + (c >= 0x800) + (c >= 0x10000);                 \
            rare[kept++] = c;                                                     \
            previous = cls;                                                       \
        }                                                                         \
        found->rare_length = kept;                                                \
        found->extra_utf8 = extra;                                                \
        found->seen = seen;                                                       \
        found->pairs = pairs & PAIR_FOLLOWERS;                                    \
        found->double_space = doubles & SPACE;                                    \
        found->edge_space = edges;                                                \
        found->astral = astral;                                                   \
        return append_count(found->line_spaces, spaces) ? 0 : -1;                 \
    }

SCAN_BODY(Py_UCS1)
SCAN_BODY(Py_UCS2)
SCAN_BODY(Py_UCS4)

/* The arguments both functions take: a str, and a table of one byte per BMP
 * character. Returns the table, or NULL with an exception set. */
static const unsigned char *
table_args(PyObject *const *args, Py_ssize_t nargs, const char *usage)
{
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyBytes_Check(args[1])) {
        PyErr_Format(PyExc_TypeError, "%s(text: str, table: bytes)", usage);
        return NULL;
    }
    if (PyBytes_GET_SIZE(args[1]) != 0x10000) {
        PyErr_Format(PyExc_ValueError, "%s: the table must hold 65536 bytes", usage);
        return NULL;
    }
    if (PyUnicode_READY(args[0]) < 0) {
        return NULL;
    }
    return (const unsigned char *)PyBytes_AS_STRING(args[1]);
}

PyDoc_STRVAR(scan_doc,
"scan(text, classes) -> (rare, plain, double_space, dense, pairs, edge_space,\n"
"                         line_spaces)\n\n"
"`classes` holds one class byte per BMP character. `plain` is None when the\n"
"text holds a character beyond the BMP: the caller then decides it.");

static PyObject *
scan(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    const unsigned char *classes = table_args(args, nargs, "scan");
    if (classes == NULL) {
        return NULL;
    }
    PyObject *text = args[0];
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    Py_UCS4 *rare = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(length ? length : 1));
    if (rare == NULL) {
        return PyErr_NoMemory();
    }
    Found found;
    found.line_spaces = PyList_New(0);
    if (found.line_spaces == NULL) {
        PyMem_Free(rare);
        return NULL;
    }
    const void *data = PyUnicode_DATA(text);
    int status;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        status = scan_Py_UCS1((const Py_UCS1 *)data, length, classes, rare, &found);
        break;
    case PyUnicode_2BYTE_KIND:
        status = scan_Py_UCS2((const Py_UCS2 *)data, length, classes, rare, &found);
        break;
    default:
        status = scan_Py_UCS4((const Py_UCS4 *)data, length, classes, rare, &found);
        break;
    }
    PyObject *line_spaces = status < 0 ? NULL : PyList_AsTuple(found.line_spaces);
    Py_DECREF(found.line_spaces);
    if (line_spaces == NULL) {
        PyMem_Free(rare);
        return NULL;
    }
    /* As scan.py: text far longer in UTF-8 than in characters is "dense", and its
     * rare characters are the text itself. */
    int dense = found.extra_utf8 * 4 > length;
    PyObject *rare_text;
    PyObject *plain;
    if (dense) {
        rare_text = Py_NewRef(text);
        plain = Py_NewRef(Py_False);
    } else {
        rare_text = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, rare,
                                              found.rare_length);
        plain = found.astral ? Py_NewRef(Py_None)
                             : PyBool_FromLong(!(found.seen & NOT_PLAIN));
    }
    PyMem_Free(rare);
    if (rare_text == NULL) {
        Py_DECREF(plain);
        Py_DECREF(line_spaces);
        return NULL;
    }
    return Py_BuildValue("(NNNNNNN)", rare_text, plain, PyBool_FromLong(found.double_space != 0),
                         PyBool_FromLong(dense), PyBool_FromLong(!dense && found.pairs != 0),
                         PyBool_FromLong(found.edge_space != 0), line_spaces);
}

/* Letter trigrams: `letters` gives each BMP character 1-26 for an ASCII letter of
 * either case, TRIGRAM_UNSAFE for a character whose case-insensitive match may
 * involve ASCII letters ('ß', 'ﬁ', the Kelvin sign), 0 for any other. */
#define TRIGRAM_UNSAFE 255
#define TRIGRAM_BYTES 4096 /* three letters of five bits: 32768 bits */

#define TRIGRAM_BODY(CHAR_T)                                                      \
    static int trigrams_##CHAR_T(const CHAR_T *chars, Py_ssize_t length,          \
                                 const unsigned char *letters, unsigned char *bits) \
    {                                                                             \
        /* The last three letters, five bits each; a non-letter empties it. A key  \
         * with an empty field (the first letters of a run) is set too: no      \
         * trigram asks for it, and not testing saves a branch a character. */   \
        unsigned key = 0;                                                         \
        for (Py_ssize_t i = 0; i < length; i++) {                                 \
            Py_UCS4 c = chars[i];                                                 \
            unsigned letter = (sizeof(CHAR_T) < 4 || c < 0x10000) ? letters[c] : 0; \
            if (letter == 0) {                                                    \
                key = 0;                                                          \
                continue;                                                         \
            }                                                                     \
            if (UNLIKELY(letter == TRIGRAM_UNSAFE)) {                             \
                return 0;                                                         \
            }                                                                     \
            key = ((key << 5) | letter) & 0x7FFF;                                 \
            bits[key >> 3] |= (unsigned char)(1u << (key & 7));                   \
        }                                                                         \
        return 1;                                                                 \
    }

TRIGRAM_BODY(Py_UCS1)
TRIGRAM_BODY(Py_UCS2)
TRIGRAM_BODY(Py_UCS4)

PyDoc_STRVAR(trigrams_doc,
"trigrams(text, letters) -> bytes | None\n\n"
"A bit per trigram of ASCII letters (case ignored) standing side by side in\n"
"`text`: bit ((a << 10) | (b << 5) | c) for letters numbered 1-26 (the bits\n"
"of a run's first one or two letters, with a 0 field, are set too). None when\n"
"`text` holds a character `letters` marks unsafe (255).");

static PyObject *
trigrams(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    const unsigned char *letters = table_args(args, nargs, "trigrams");
    if (letters == NULL) {
        return NULL;
    }
    PyObject *text = args[0];
    PyObject *result = PyBytes_FromStringAndSize(NULL, TRIGRAM_BYTES);
    if (result == NULL) {
        return NULL;
    }
    unsigned char *bits = (unsigned char *)PyBytes_AS_STRING(result);
    memset(bits, 0, TRIGRAM_BYTES);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    int safe;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        safe = trigrams_Py_UCS1((const Py_UCS1 *)data, length, letters, bits);
        break;
    case PyUnicode_2BYTE_KIND:
        safe = trigrams_Py_UCS2((const Py_UCS2 *)data, length, letters, bits);
        break;
    default:
        safe = trigrams_Py_UCS4((const Py_UCS4 *)data, length, letters, bits);
        break;
    }
    if (!safe) {
        Py_DECREF(result);
        Py_RETURN_NONE;
    }
    return result;
}

/* Stopword votes (`cleaner.text.lang.vote`): the words of a text as
 * `text.lower().split()` gives them, each looked up in a dict, without the list
 * of words nor the lowered copy of the text. Lowering word by word is lowering
 * the text: no character is cased and a space, so a word's case context (the
 * final sigma) ends where the word does. */
static PyObject *lower_name; /* "lower", interned at import */

/* The lower case of `c` when it is one character that `str.lower` surely gives
 * (Latin-1, or a character its simple mapping leaves alone); else (Py_UCS4)-1. */
static inline Py_UCS4
lower_char(Py_UCS4 c)
{
    if (c < 0x80) {
        return c - 'A' < 26u ? c + 32 : c;
    }
    if (c < 0x100) {
        return (c >= 0xC0 && c <= 0xDE && c != 0xD7) ? c + 32 : c;
    }
    return Py_UNICODE_TOLOWER(c) == c ? c : (Py_UCS4)-1;
}

/* `text[start:end].lower()`: built here, or by Python for a rarer character. */
static PyObject *
lowered_word(PyObject *text, int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    Py_UCS4 widest = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        Py_UCS4 low = lower_char(PyUnicode_READ(kind, data, i));
        if (low == (Py_UCS4)-1) {
            PyObject *word = PyUnicode_Substring(text, start, end);
            if (word == NULL) {
                return NULL;
            }
            PyObject *lowered = PyObject_CallMethodNoArgs(word, lower_name);
            Py_DECREF(word);
            return lowered;
        }
        widest = low > widest ? low : widest;
    }
    PyObject *word = PyUnicode_New(end - start, widest);
    if (word == NULL) {
        return NULL;
    }
    int out_kind = PyUnicode_KIND(word);
    void *out = PyUnicode_DATA(word);
    for (Py_ssize_t i = start; i < end; i++) {
        PyUnicode_WRITE(out_kind, out, i - start, lower_char(PyUnicode_READ(kind, data, i)));
    }
    return word;
}

PyDoc_STRVAR(vote_words_doc,
"vote_words(text, votes) -> (words, voters, total)\n\n"
"The words of `text.lower().split()`, how many of them `votes` (a dict) gives\n"
"a true value, and the sum of those values.");

static PyObject *
vote_words(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0]) || !PyDict_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "vote_words(text: str, votes: dict)");
        return NULL;
    }
    PyObject *text = args[0], *votes = args[1];
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t length = PyUnicode_GET_LENGTH(text), words = 0, voters = 0, i = 0;
    PyObject *total = PyLong_FromLong(0);
    if (total == NULL) {
        return NULL;
    }
    while (i < length) {
        while (i < length && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        if (i >= length) {
            break;
        }
        Py_ssize_t start = i;
        while (i < length && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            i++;
        }
        words++;
        PyObject *word = lowered_word(text, kind, data, start, i);
        if (word == NULL) {
            goto error;
        }
        PyObject *value = PyDict_GetItemWithError(votes, word); /* borrowed */
        Py_DECREF(word);
        if (value == NULL) {
            if (PyErr_Occurred()) {
                goto error;
            }
            continue;
        }
        int truth = PyObject_IsTrue(value);
        if (truth < 0) {
            goto error;
        }
        if (truth) {
            voters++;
            Py_SETREF(total, PyNumber_Add(total, value));
            if (total == NULL) {
                return NULL;
            }
        }
    }
    return Py_BuildValue("(nnN)", words, voters, total);
error:
    Py_DECREF(total);
    return NULL;
}

/* A str as orjson writes it into JSON: quoted, UTF-8, '"' and '\\' escaped, the
 * control characters as \b \t \n \f \r or \u00xx. orjson gets the text's UTF-8
 * from CPython first (PyUnicode_AsUTF8AndSize: 9 instructions a character of
 * UCS-2), then copies it; here plain ASCII goes eight or sixteen characters at a
 * time, and the result goes to orjson as a Fragment. */
static const char HEX_DIGITS[] = "0123456789abcdef";

/* Writes `c` as a JSON string holds it; NULL for a surrogate (orjson refuses it). */
static inline char *
json_char(char *out, Py_UCS4 c)
{
    if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
            *out++ = (char)c;
            return out;
        }
        *out++ = '\\';
        switch (c) {
        case '"': *out++ = '"'; break;
        case '\\': *out++ = '\\'; break;
        case '\b': *out++ = 'b'; break;
        case '\t': *out++ = 't'; break;
        case '\n': *out++ = 'n'; break;
        case '\f': *out++ = 'f'; break;
        case '\r': *out++ = 'r'; break;
        default:
            *out++ = 'u';
            *out++ = '0';
            *out++ = '0';
            *out++ = HEX_DIGITS[c >> 4];
            *out++ = HEX_DIGITS[c & 15];
        }
        return out;
    }
    if (c < 0x800) {
        *out++ = (char)(0xC0 | (c >> 6));
        *out++ = (char)(0x80 | (c & 0x3F));
        return out;
    }
    if (c < 0x10000) {
        if (c >= 0xD800 && c < 0xE000) {
            return NULL;
        }
        *out++ = (char)(0xE0 | (c >> 12));
        *out++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *out++ = (char)(0x80 | (c & 0x3F));
        return out;
    }
    *out++ = (char)(0xF0 | (c >> 18));
    *out++ = (char)(0x80 | ((c >> 12) & 0x3F));
    *out++ = (char)(0x80 | ((c >> 6) & 0x3F));
    *out++ = (char)(0x80 | (c & 0x3F));
    return out;
}

/* Characters i to i + count, one by one; NULL on a surrogate. */
#define JSON_SCALAR(CHAR_T)                                                       \
    static char *json_scalar_##CHAR_T(const CHAR_T *chars, Py_ssize_t count,      \
                                      char *out)                                  \
    {                                                                             \
        for (Py_ssize_t k = 0; k < count && out != NULL; k++) {                   \
            out = json_char(out, chars[k]);                                       \
        }                                                                         \
        return out;                                                               \
    }
JSON_SCALAR(Py_UCS1)
JSON_SCALAR(Py_UCS2)
JSON_SCALAR(Py_UCS4)

/* Plain ASCII (0x20-0x7F but '"' and '\\') goes a vector at a time: the vector is
 * stored whole, the output moves past its plain opening, and the first other
 * character is written alone (the buffer has room for the bytes stored beyond). */
#if defined(__SSE2__) && defined(__GNUC__)
#define JSON_VECTORS 1
#endif

static char *
json_ucs1(const Py_UCS1 *chars, Py_ssize_t n, char *out)
{
    Py_ssize_t i = 0;
#ifdef JSON_VECTORS
    /* As signed bytes, 0x80 and above are below 0x20. */
    const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'),
                  backslash = _mm_set1_epi8('\\');
    while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(chars + i));
        __m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, quote),
                                                _mm_cmpeq_epi8(v, backslash)));
        int mask = _mm_movemask_epi8(bad);
        _mm_storeu_si128((__m128i *)out, v);
        if (!mask) {
            out += 16;
            i += 16;
            continue;
        }
        int plain = __builtin_ctz((unsigned)mask);
        out = json_char(out + plain, chars[i + plain]);
        i += plain + 1;
    }
#endif
    return json_scalar_Py_UCS1(chars + i, n - i, out);
}

static char *
json_ucs2(const Py_UCS2 *chars, Py_ssize_t n, char *out)
{
    Py_ssize_t i = 0;
#ifdef JSON_VECTORS
    /* As signed 16-bit numbers, 0x8000 and above are below 0x20; packed to bytes. */
    const __m128i space = _mm_set1_epi16(0x20), del = _mm_set1_epi16(0x7F),
                  quote = _mm_set1_epi16('"'), backslash = _mm_set1_epi16('\\');
    while (i + 8 <= n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(chars + i));
        __m128i bad = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi16(v, space),
                                                _mm_cmpgt_epi16(v, del)),
                                   _mm_or_si128(_mm_cmpeq_epi16(v, quote),
                                                _mm_cmpeq_epi16(v, backslash)));
        int mask = _mm_movemask_epi8(bad);
        _mm_storel_epi64((__m128i *)out, _mm_packus_epi16(v, v));
        if (!mask) {
            out += 8;
            i += 8;
            continue;
        }
        int plain = __builtin_ctz((unsigned)mask) >> 1; /* two mask bits a character */
        out = json_char(out + plain, chars[i + plain]);
        if (out == NULL) {
            return NULL;
        }
        i += plain + 1;
    }
#endif
    return json_scalar_Py_UCS2(chars + i, n - i, out);
}

PyDoc_STRVAR(json_string_doc,
"json_string(text) -> bytes | None\n\n"
"`text` as a JSON string, byte for byte as orjson.dumps(text) writes it; None\n"
"when it holds a surrogate (which orjson refuses).");

static PyObject *
json_string(PyObject *module, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "json_string(text: str)");
        return NULL;
    }
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n > (PY_SSIZE_T_MAX - 2) / 6) {
        return PyErr_NoMemory();
    }
    /* At most six bytes a character (\u00xx), and the quotes. */
    PyObject *result = PyBytes_FromStringAndSize(NULL, 6 * n + 2);
    if (result == NULL) {
        return NULL;
    }
    char *start = PyBytes_AS_STRING(result), *out = start;
    const void *data = PyUnicode_DATA(text);
    *out++ = '"';
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        out = json_ucs1((const Py_UCS1 *)data, n, out);
        break;
    case PyUnicode_2BYTE_KIND:
        out = json_ucs2((const Py_UCS2 *)data, n, out);
        break;
    default:
        out = json_scalar_Py_UCS4((const Py_UCS4 *)data, n, out);
        break;
    }
    if (out == NULL) {
        Py_DECREF(result);
        Py_RETURN_NONE;
    }
    *out++ = '"';
    if (_PyBytes_Resize(&result, out - start) < 0) {
        return NULL;
    }
    return result;
}

static PyMethodDef methods[] = {
    {"scan", (PyCFunction)(void (*)(void))scan, METH_FASTCALL, scan_doc},
    {"trigrams", (PyCFunction)(void (*)(void))trigrams, METH_FASTCALL, trigrams_doc},
    {"vote_words", (PyCFunction)(void (*)(void))vote_words, METH_FASTCALL, vote_words_doc},
    {"json_string", (PyCFunction)json_string, METH_O, json_string_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "cleaner._cscan",
    "One-pass character scans in C (optional; see cleaner.text.scan).", -1, methods,
};

PyMODINIT_FUNC
PyInit__cscan(void)
{
    lower_name = PyUnicode_InternFromString("lower");
    if (lower_name == NULL) {
        return NULL;
    }
    return PyModule_Create(&module);
}
