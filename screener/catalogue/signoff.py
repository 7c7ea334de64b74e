"""Messages about sign-off: who has reviewed the safety content, and what changed since.

They are warnings for an author at work; a server with SCREENER_REQUIRE_SIGNOFF on (as in
production) treats them as errors and refuses the file.
"""

from __future__ import annotations

from screener.catalogue import message

NOT_SIGNED_OFF = message(
    "S015",
    "the safety content (tiers, red flags, promises, the questions they read and the safety "
    "net) has not been signed off; before patients see it, two people must review it and "
    "each run: screener signoff --name NAME --role ROLE",
    why="No edit may reach patients without two people agreeing that its rules are safe; "
    "production refuses a questionnaire until they have.",
    fix="Have two clinicians review the questionnaire (screener diff shows what changed) and "
    "each run screener signoff with their own name and role.",
    example="# a questionnaire without a signoff section",
    severity="warning",
)
SIGNOFF_INCOMPLETE = message(
    "S016",
    "the safety content of version {version} is signed off by {count} of the {needed} "
    "people needed ({names}); one more person must review it and run: "
    "screener signoff --name NAME --role ROLE",
    why="Two people must each agree that the rules are safe; one is not enough.",
    fix="Have a second clinician review it and run screener signoff with their own name.",
    example="signoff:\n  reviews:\n    - name: Ana Ruiz\n      role: Physical therapist\n      ...",
    severity="warning",
)
CHANGED_SINCE_SIGNOFF = message(
    "S017",
    "{part} {how}, compared with the safety content signed off ({signed}); two people must "
    "review the change (screener diff) and each run screener signoff",
    why="The sign-off covers the content as it was reviewed; any change to a rule, a tier, a "
    "promise or a question a rule reads needs a new one.",
    fix="Review the change with screener diff OLD.yaml questions.yaml, then have two people "
    "run screener signoff; or undo the change.",
    example="red_flags:\n  - id: ces_saddle\n    tier: soon   # was emergency when signed off",
    severity="warning",
)
VERSION_NOT_RAISED = message(
    "S018",
    'the safety content changed, but the version is still "{version}", which was signed off '
    "with other content; raise meta version and date, so that each version names one content",
    why="A result names its questionnaire's version; two different sets of rules must never "
    "share one.",
    fix="Raise meta version (for example 1.0 -> 1.1) and set meta date to today.",
    example='meta:\n  version: "1.0"   # unchanged after changing a red flag',
    severity="warning",
)
