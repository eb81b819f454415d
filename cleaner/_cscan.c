/* The scan of a text in C, reading each character once: what
 * `cleaner.text.scan._scan` computes with an encode, a translate and several
 * searches of the whole text.
 *
 * Optional: wheels carry it compiled (hatch_build.py), and without it the
 * Python code computes the same answers (tests compare the two). The
 * character table comes from Python (`cleaner.text.scan._classes`).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

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

/* The arguments `scan` takes: a str, and a table of one byte per BMP
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

static PyMethodDef methods[] = {
    {"scan", (PyCFunction)(void (*)(void))scan, METH_FASTCALL, scan_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "cleaner._cscan",
    "The one-pass character scan in C (optional; see cleaner.text.scan).", -1, methods,
};

PyMODINIT_FUNC
PyInit__cscan(void)
{
    return PyModule_Create(&module);
}
