"""Recommending States at the end of a recommendation: "(France) (Lithuania);", "(Chile, Peru)".

An id can hold several differently worded recommendations, each closed by its own State group:
"Adopt X (Spain); Establish Y (Portugal);" gives two parts. A parenthesis is a State group when the
names in it are States (the registry decides); the group that closes the item is always taken as
States, and a name the registry does not know is kept and reported, never dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache

from upr_lens.records import StateMention

_TERMINAL = " \t\n;,.:"  # stripped from the end of an item (str.rstrip: end-anchored regexes are slow)


def _strip_trailing_conjunction(text: str) -> str:
    """'Adopt a plan and' → 'Adopt a plan'; 'Adopt a plan;' → 'Adopt a plan'."""
    text = text.rstrip()
    for word in (" and", " or"):
        if text.endswith(word):
            text = text[: -len(word)]
            break
    return text.rstrip(" \t\n;,.").strip()


_PAREN = re.compile(r"[()]")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_CLOSE = re.compile(r"\s+\)")
_SPACE_AFTER_OPEN = re.compile(r"\(\s+")
_CLOSES_PART = re.compile(r"\s*[;.]|\s*/\s*[A-Z]|\s*(?:,\s*|,?\s*and\s+)[A-Z][a-z]")
_SEPARATORS = re.compile(r"[\s;.,/]*")
_TRAILING_MARKER = re.compile(r"\)\s?[;.,]?\s?(?:\d{1,2}|\*{1,3})$")


def _paren_groups(text: str) -> list[tuple[int, int]]:
    """Top-level parenthesised spans (start, end) with nesting handled; unbalanced ones are skipped."""
    groups = []
    depth = 0
    start = 0
    for match in _PAREN.finditer(text):
        index, char = match.start(), match.group()
        if char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                groups.append((start, index + 1))
    return groups



@lru_cache(maxsize=8192)
def _resolve(name: str):
    from upr_lens import states

    return states.resolve(name)


@lru_cache(maxsize=1)
def _fuzzy_index() -> dict[str, str]:
    from upr_lens import states

    index = {}
    variants = states.variants()
    for state in states.all_states():
        for printed in (state.name, *variants.get(state.iso3, ())):
            index[states.normalize_name(printed)] = state.iso3
    return index


@lru_cache(maxsize=4096)
def resolve_misspelt(name: str):
    """A State name misspelt in the document ("United Sates", "Lichtenstein"), by close spelling."""
    import difflib

    from upr_lens import states

    key = states.normalize_name(name)
    if len(key) < 5:
        return None
    match = difflib.get_close_matches(key, list(_fuzzy_index()), n=1, cutoff=0.86)
    return states.by_iso3(_fuzzy_index()[match[0]]) if match else None


def resolve_names(content: str) -> tuple[list[StateMention], bool]:
    """Split a group's content into State mentions; the flag says whether every name is known."""
    content = _SPACE_BEFORE_CLOSE.sub(")", _SPACES.sub(" ", content)).strip()
    content = _SPACE_AFTER_OPEN.sub("(", content)
    if not content:
        return [], False
    whole = _resolve(content)
    if whole:
        return [StateMention(content, whole.name, whole.iso3)], True
    mentions: list[StateMention] = []
    all_known = True
    for piece in _split_top_level(content):
        state = _resolve(piece)
        if state:
            mentions.append(StateMention(piece, state.name, state.iso3))
            continue
        halves = [h.strip() for h in re.split(r"\s+and\s+|/", piece) if h.strip()]
        resolved = [_resolve(h) for h in halves]
        if len(halves) > 1 and all(resolved):
            mentions.extend(StateMention(h, s.name, s.iso3) for h, s in zip(halves, resolved))
            continue
        pair = _two_names(piece)  # "Chile Egypt": a comma missing in the document
        if pair:
            mentions.extend(pair)
            continue
        misspelt = resolve_misspelt(piece)
        if misspelt:
            mentions.append(StateMention(piece, misspelt.name, misspelt.iso3))
            continue
        mentions.append(StateMention(piece, None, None))
        all_known = False
    return mentions, all_known


def _reopen_last_group(body: str, notes: list[str]) -> str:
    """"... Court Ghana)": the opening parenthesis is missing in the document; put it back."""
    from upr_lens import states

    words = body[:-1].split(" ")
    for count in range(1, min(8, len(words))):
        name = " ".join(words[-count:])
        if states.resolve(name):
            notes.append("opening parenthesis of the State group missing in the document")
            return " ".join(words[:-count]) + " (" + name + ")"
    return body


def _two_names(piece: str) -> list[StateMention] | None:
    """"Chile Egypt" → Chile, Egypt: the first cut into two words-runs that both name a State.

    Linear in the length of *piece*: a cut is tried only where both halves have few enough letters to be a
    State's name (:func:`_letters_bound`), and, inside a run of words made only of characters the name
    normalisation strips at the ends (digits, punctuation), only at the run's first cut: every cut in such
    a run resolves the same way, so the first success is the same cut as before."""
    words = piece.split()
    if len(words) < 2:
        return None
    letters = [_letter_count(w) for w in words]
    total = sum(letters)
    bound = _letters_bound()
    if total > 2 * bound:
        return None  # one half would be longer than any State's name
    left_letters = 0
    tried = 0
    for cut in range(1, len(words)):
        left_letters += letters[cut - 1]
        if left_letters > bound:
            break  # the left half only grows
        if total - left_letters > bound:
            continue
        if cut > 1 and _edge_junk_only(words[cut - 1]):
            continue  # same halves, once normalised, as the cut before this word
        tried += 1
        if tried > _MAX_CUTS:
            return None  # hostile input: a name pair is never this far apart
        left, right = _resolve(" ".join(words[:cut])), _resolve(" ".join(words[cut:]))
        if left and right:
            return [StateMention(" ".join(words[:cut]), left.name, left.iso3),
                    StateMention(" ".join(words[cut:]), right.name, right.iso3)]
    return None


_MAX_CUTS = 256
# characters the name normalisation (states.normalize_name) strips from the ends of a name; ";" is left
# out: with "&" it makes the normalisation read HTML entities
_JUNK = frozenset(" \t.,:*\u2020\u2021'\"0123456789")
_NOT_LETTERS = {0x02BB: None, 0x02BC: None}  # modifier-letter apostrophes: the normalisation makes them "'"


def _edge_junk_only(word: str) -> bool:
    return all(ch in _JUNK for ch in word)


def _letter_count(word: str) -> int:
    """A lower bound of the letters *word* keeps through the name normalisation (HTML entities may shrink)."""
    count = sum(ch.isalpha() for ch in word.translate(_NOT_LETTERS))
    if "&" in word:
        import html

        count = min(count, sum(ch.isalpha() for ch in html.unescape(word).translate(_NOT_LETTERS)))
    return count


@lru_cache(maxsize=1)
def _letters_bound() -> int:
    """Most letters a text can have and still resolve to a State: the longest registry key, plus the
    letters normalisation may drop ("the" at the start, at the end and in an inverted form)."""
    from upr_lens import states

    _, _, by_key, by_compact = states._registry()
    return max(sum(ch.isalpha() for ch in key) for key in (*by_key, *by_compact)) + 9


def _split_top_level(content: str) -> list[str]:
    """Split on commas/semicolons that are not inside a nested parenthesis."""
    pieces: list[str] = []
    current: list[str] = []
    depth = 0
    for char in content:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char in ",;" and depth == 0:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    # "France, Italy, and Sweden": the last piece's "and" is the list's, not part of the name
    return [re.sub(r"^(?:and|&)\s+", "", p.strip()) for p in pieces if p.strip()]


def _looks_like_names(content: str) -> bool:
    """A closing group that is probably State names even if unknown: capitalised words, no digits."""
    content = content.strip()
    return bool(content) and not re.search(r"\d", content) and content[:1].isupper() and not content.isupper()


def split_state_groups(text: str) -> tuple[list[tuple[str, tuple[StateMention, ...]]], list[str], str]:
    """Split an item's text into parts, each with its recommending States.

    Returns (parts, notes, trailing): *trailing* is prose printed after the last State group (a State's
    comment, or a stray marker); it is kept apart from the recommendation's wording.
    """
    notes: list[str] = []
    body = text.rstrip(_TERMINAL)
    marker = _TRAILING_MARKER.search(body)
    if marker:  # a footnote marker printed after the closing State group
        body = body[: marker.start() + 1]
        notes.append("footnote marker after the States removed")
    if body.endswith(")") and body.count("(") < body.count(")"):
        body = _reopen_last_group(body, notes)
    groups = _paren_groups(body)
    last_printed = len(body.rstrip())  # a group ending at or after this is the last thing printed
    resolved: dict[tuple[int, int], tuple[list[StateMention], bool]] = {}
    for span in groups:
        resolved[span] = resolve_names(body[span[0] + 1:span[1] - 1])
    parts: list[tuple[str, tuple[StateMention, ...]]] = []
    inline: list[StateMention] = []  # States named inside a part's wording: "(Chile) and to (a) ..."
    cursor = 0
    index = 0
    while index < len(groups):
        span = groups[index]
        run = [span]
        j = index + 1
        while j < len(groups) and not body[run[-1][1]:groups[j][0]].strip():
            run.append(groups[j])
            j += 1
        at_end = run[-1][1] >= last_printed
        # "(CRPD) (Canada)": leading groups that are not States stay in the wording
        while len(run) > 1 and not resolved[run[0]][1] and any(resolved[s][1] for s in run[1:]):
            run.pop(0)
            index += 1
        after = body[run[-1][1]:run[-1][1] + 8]
        closes_part = bool(_CLOSES_PART.match(after))
        known = [resolved[s][1] for s in run]
        is_states = (at_end and (all(known) or any(known) or all(
            _looks_like_names(body[s[0] + 1:s[1] - 1]) for s in run)))
        is_states = is_states or (closes_part and all(known) and not at_end)
        if is_states:
            part_text = _strip_trailing_conjunction(body[cursor:run[0][0]])
            mentions: list[StateMention] = _unique(inline + [m for s in run for m in resolved[s][0]])
            if inline:
                notes.append("States named inside the wording kept as recommending States")
                inline = []
            for m in mentions:
                if m.iso3 is None:
                    notes.append(f"unknown State name {m.printed!r}")
            if part_text:
                parts.append((part_text, tuple(mentions)))
            elif parts:  # "(France) (Chile)" split oddly: attach to the previous part
                parts[-1] = (parts[-1][0], parts[-1][1] + tuple(mentions))
            separator = _SEPARATORS.match(body, run[-1][1])  # always matches (possibly empty)
            cursor = separator.end() if separator else run[-1][1]
            index = j
            continue
        if all(known):
            inline.extend(m for s in run for m in resolved[s][0])
        index = j if j > index + 1 else index + 1
    rest = body[cursor:].strip()
    trailing = ""
    if rest and parts and (rest[:1].islower() or inline):
        # "Consider ratifying (Azerbaijan)/Sign and ratify (United Kingdom) the Protocol": one ask whose
        # States are named along the way; its wording is the whole text as printed
        named = [m for span in groups if resolved[span][1] for m in resolved[span][0]]
        notes.append("one recommendation with its States named along the way")
        return [(body.strip(), tuple(_unique(named)))], notes, ""
    if rest:
        if parts:
            notes.append("text after the last recommending State kept as a comment")
            trailing = rest
        elif inline:
            notes.append("States named only inside the wording")
            parts.append((rest, tuple(_unique(inline))))
        else:
            notes.append("no recommending State found")
            parts.append((rest, ()))
    return parts, notes, trailing


def _unique(mentions: list[StateMention]) -> list[StateMention]:
    seen: set[str] = set()
    out = []
    for m in mentions:
        key = m.iso3 or m.printed
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out
