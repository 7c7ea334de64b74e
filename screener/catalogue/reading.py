"""Messages about reading the file itself: finding it, its encoding, and its YAML."""

from __future__ import annotations

from screener.catalogue import message

FILE_NOT_FOUND = message(
    "Y001",
    "file not found; check the path, or run the command from the folder that holds it",
    why="Nothing can be checked or served without the file.",
    fix="Give the path to questions.yaml, or `cd` to its folder first.",
    example="screener check questoins.yaml",
)
IS_A_FOLDER = message(
    "Y002",
    "this is a folder, not a file; give the path of the .yaml file",
    why="A folder holds files; the questionnaire is one file.",
    fix="Name the file inside the folder, such as clinic/questions.yaml.",
    example="screener check clinic/",
)
UNREADABLE = message(
    "Y003",
    "cannot read the file ({reason}); check its permissions",
    why="The operating system refused to open the file.",
    fix="Check that your account may read the file.",
    example="screener check /root/questions.yaml",
)
TOO_LARGE = message(
    "Y004",
    "the file is larger than {limit} KB; a questionnaire this big is almost certainly a "
    "mistake (check that this is the right file)",
    why="Reading a huge file would hold up the server; a questionnaire is a few dozen KB.",
    fix="Check that you gave the questionnaire and not, say, a log or an export.",
    example="screener check backup.tar",
)
NOT_UTF8 = message(
    "Y005",
    "the file is not UTF-8 text; save it with UTF-8 encoding (most editors offer this under "
    "'Save As' or 'Encoding')",
    why="Accents such as á and ñ are only read correctly from UTF-8.",
    fix="Save the file again as UTF-8 in your editor.",
    example="A file saved as Windows-1252 with “Sí” in it.",
)
NOT_YAML = message(
    "Y006",
    "the file cannot be read as YAML ({reason}); remove unusual characters such as tabs or "
    "control codes",
    why="The YAML reader met a character it does not accept.",
    fix="Look for pasted control characters near the start of the file and delete them.",
    example="A text pasted from a word processor with a hidden control code.",
)
KEY_NOT_A_WORD = message(
    "Y007",
    "a key must be a plain word such as 'title:'; lists and mappings cannot be keys",
    why="Every key names a setting, so it must be a word.",
    fix="Write the key as a word followed by a colon.",
    example="[title]: My questionnaire",
)
DUPLICATE_KEY = message(
    "Y008",
    'duplicate key "{key}"; it is already set on line {line}; keep one of the two',
    why="YAML would silently keep only the last one, so an edit could vanish unseen.",
    fix="Delete one of the two lines, keeping the value you mean.",
    example="title: Check your back\ntitle: Check your sciatica",
)
SEVERAL_DOCUMENTS = message(
    "Y009",
    "the file holds more than one YAML document; remove the '---' line and everything after it",
    why="A questionnaire is one document; a second would be ignored.",
    fix="Remove the '---' line and what follows, or merge it into the first part.",
    example="meta: ...\n---\nmeta: ...",
)
ALIAS = message(
    "Y010",
    'aliases such as "*{anchor}" are not supported; write the value out in full',
    why="Aliases make one edit change several places at once, which is hard to review.",
    fix="Copy the value where the alias stands.",
    example="text: &same Any numbness?\nhint: *same",
)
TOO_DEEP = message(
    "Y011",
    "the file is nested more than {limit} levels deep; a questionnaire never needs this, so "
    "check the indentation",
    why="Deep nesting is almost always a slip of indentation.",
    fix="Line up each key with the others at its level.",
    example="A key indented one step further on every line.",
)
TAG = message(
    "Y012",
    'tags such as "{tag}" are not supported; remove it',
    why="Tags can make the reader build objects; questionnaires only hold plain values.",
    fix="Delete the tag (the part starting with !).",
    example="title: !!python/object:os.system echo",
)
TAB = message(
    "Y013",
    "YAML syntax error: a tab character is used for indentation; YAML needs spaces (set your "
    "editor to insert spaces)",
    why="YAML only counts spaces when it reads indentation.",
    fix="Replace the tab with spaces; most editors can insert spaces when you press Tab.",
    example="pages:\n\t- id: legs",
)
COLON_IN_VALUE = message(
    "Y014",
    "YAML syntax error: a colon followed by a space (': ') appears inside a value; put the "
    "whole text in double quotes, or check the indentation of this line",
    why="In YAML, ': ' starts a new key, so the text is cut in two.",
    fix='Put the text in double quotes, as in text: "Pain: how bad is it?".',
    example="text: Pain: how bad is it?",
)
MISSING_COLON = message(
    "Y015",
    "YAML syntax error: a line is missing its colon, or a text runs over several lines "
    "without quotes; check the line above too",
    why="Each line of a mapping needs a key and a colon.",
    fix="Add the colon, or put a long text in quotes or after `>`.",
    example="  text Any numbness?",
)
INDENTATION = message(
    "Y016",
    "YAML syntax error: the indentation does not line up with the lines above; items at the "
    "same level must start in the same column",
    why="YAML reads structure from indentation alone.",
    fix="Start the line in the same column as its neighbours.",
    example="  - id: legs\n   text: Where is the pain?",
)
UNCLOSED_QUOTE = message(
    "Y017",
    "YAML syntax error: a quoted text is not closed; add the closing quote",
    why="Without its closing quote the text runs on to the end of the file.",
    fix="Add the missing quote at the end of the text.",
    example='text: "Any numbness?',
)
UNCLOSED_BRACKET = message(
    "Y018",
    "YAML syntax error: a bracket [ or {{ is not closed, or a value is missing inside it",
    why="A list or mapping written inline must be closed.",
    fix="Add the closing ] or }, or fill in the missing value.",
    example="languages: [en, es",
)
UNKNOWN_ESCAPE = message(
    "Y019",
    "YAML syntax error: a backslash (\\) in double quotes starts an unknown escape; use "
    "single quotes or write \\\\",
    why="Inside double quotes a backslash starts a special character.",
    fix="Use single quotes, or double the backslash.",
    example='text: "Left \\ right"',
)
OTHER_SYNTAX = message(
    "Y020",
    "YAML syntax error: {reason}; check the indentation and quotes on this line",
    why="The YAML reader could not make sense of this line.",
    fix="Compare the line with the ones around it: indentation, colons and quotes.",
    example="- - : x",
)
INDENTED_TOO_FAR = message(
    "Y021",
    "YAML syntax error: this line is indented {spaces} more than '{key}:' on line {line} above "
    "it; keys of the same part must start in the same column, so remove {spaces} at the start "
    "of this line",
    why="YAML reads a key that starts further in than the key above it as more of that key's "
    "text, so the line is lost and its ': ' looks like a colon inside a value.",
    fix="Start the key in the same column as the key above it. If the line is meant to carry "
    "on the text above, put the whole text in double quotes instead.",
    example="      - id: saddle\n        type: yes_no\n         text: Do you have numbness?",
)
