"""The pure core: rules and the decisions they make, with no I/O.

`rules` (ids, thresholds, sources), `safety` (the warning-sign screen, SCREEN-1..3), `planner` (FREQ-1),
`timeline` (a dose as timed steps), `ladder` and `progression` (PAIN-2..4, DOSE-1, STAGE-1),
`outcomes` (OUTCOME-1, adherence, PSFS), `course_changes` (changes made outside progression) and
`records` (what the store hands back). Nothing here imports the store, the services or a face.
"""
