"""The repairs, one small pure function each, as ftfy's ``fixes``, one module per concern.

- `cleaner.text.fixes.encoding`: surrogates, and mojibake (UTF-8 read as a
  single-byte encoding), by ftfy;
- `cleaner.text.fixes.entities`: HTML entities;
- `cleaner.text.fixes.characters`: control and invisible characters, Unicode
  normalisation;
- `cleaner.text.fixes.layout`: line endings, tabs and runs of spaces, no-break
  spaces between words.

Each repair has two forms: ``fix_x(text) -> str``, and
``fix_x_and_explain(text) -> Fixed`` (`cleaner.text.fixes.fixed`) which also
says how many things it mended and how (what ``--explain`` and
`Result.repairs` show). Every one returns its input unchanged, and fast, when
there is nothing to do: the check comes first and is a C-speed substring test
or a single-class regex. `cleaner.text.repair` runs them in a safe order.

None of them touches style: quotes, apostrophes, dashes and meaningful
no-break spaces are the business of `cleaner.typography`.
"""
