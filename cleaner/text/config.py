"""One immutable object for the repair steps, as ftfy's TextFixerConfig.

>>> from dataclasses import replace
>>> config = replace(RepairConfig(), entities=False)
>>> config.entities, config.mojibake
(False, True)
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class RepairConfig:
    """Which repairs `repair_text` applies. Every step is on by default but `nfkc`.

    - `surrogates`: lone UTF-16 surrogates become U+FFFD, pairs the character they encode.
    - `entities`: HTML entities decoded until stable ('&amp;eacute;' -> 'é'), with a
      literal '&' in prose ('AT&T', 'R&D') left alone.
    - `mojibake`: UTF-8 read as Windows-1252 / Latin-1 / Windows-1251 ('Ã©', 'â€™') is
      re-decoded by ftfy, on the lines a fast check flags only.
    - `mojibake_gate`: the fast check. Off, every non-ASCII line goes through ftfy:
      slower, but it also catches mixups ftfy knows and the check does not
      (MacRoman, CP437, Windows-1250 mojibake).
    - `controls`: C0 and C1 control characters (but tab and line breaks), DEL, ANSI
      terminal escapes and non-characters removed.
    - `invisibles`: zero-width space, soft hyphen, BOM, word joiner... removed;
      ZWJ and ZWNJ too, unless a script or an emoji sequence needs them there.
    - `nfc`: canonical composition (decomposed 'e' + U+0301 becomes 'é').
    - `nfkc`: compatibility composition instead of NFC. Off by default, because it
      turns NBSP and NNBSP into plain spaces, '²' into '2' and 'ﬁ' into 'fi'.
    - `line_endings`: CRLF, CR, VT, FF, U+2028 and U+2029 become LF.
    - `spaces`: tabs become spaces, runs of plain spaces one, spaces at line ends go.
    - `stray_nbsp`: a no-break space between two words where a plain one belongs
      ('Partager\\u00a0cet article') becomes a plain space; French typographic
      uses ('Louis\\u00a0XIV', 'Mme\\u00a0Dupont', 'à\\u00a0la', '12\\u00a0000',
      'Photo\\u00a0:') are kept.
    """

    surrogates: bool = True
    entities: bool = True
    mojibake: bool = True
    mojibake_gate: bool = True
    controls: bool = True
    invisibles: bool = True
    nfc: bool = True
    nfkc: bool = False
    line_endings: bool = True
    spaces: bool = True
    stray_nbsp: bool = True

    @classmethod
    def nothing(cls) -> RepairConfig:
        """A config with every step off (turn single steps on with `dataclasses.replace`).

        The fast mojibake check stays on: it is a speed switch, not a step.

        >>> RepairConfig.nothing().mojibake, RepairConfig.nothing().mojibake_gate
        (False, True)
        """
        return cls(**{f.name: False for f in fields(cls) if f.name != "mojibake_gate"})
