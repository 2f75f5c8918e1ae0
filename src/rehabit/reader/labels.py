"""What a short line or lead-in is, when it is not a name from the lexicon.

Real pages name exercises the lexicon has never seen ("Tail wag", "Doorway opener") and label the
parts of one exercise ("HOW TO DO IT", "SETS & REPS", "Level 2"). This module tells these apart:

- `section_label`: a label inside one exercise: "how to do it", "sets & reps", "equipment needed"
  ("body": what follows belongs to the exercise) or "benefits", "tips", "muscles worked" ("aside":
  it belongs to the exercise but gives no steps or doses);
- `part_label`: "Level 2", "Variation 1", "pt 3", "Option B": one exercise of a series;
- `tentative_name`: a short line that could name an exercise the lexicon lacks, judged by its words
  (body parts and movements, no questions, conditions or page furniture); the pipeline keeps it only
  when instructions follow.
"""

from __future__ import annotations

import re
from typing import Literal

from rehabit.reader.names import Name, is_generic, normalize, vocabulary
from rehabit.reader.steps import VERBS

_BODY_LABEL = re.compile(
    r"^(?:how to (?:do|perform|practi[cs]e) (?:it|this|them|the exercise|this exercise|the stretch)|how to do|how to|"
    r"how|what to do|instructions?|technique|method|directions|steps?(?:\s*\d+)?|execution|do it|how it'?s done|"
    r"form(?: notes| tips| cues)?|coaching cues|cues|teaching points|key points|points|"
    r"dose|dosage|prescription|sets?(?:\s*(?:&|and|/|\+|x)\s*reps?)?|reps?(?:\s*(?:&|and|/)\s*sets?)?|"
    r"repetitions?|repetition count|rep count|time|duration|hold|hold time|rest|tempo|frequency|how often|"
    r"how many|how long|when to do(?: it)?|when|equipment(?: needed| required| you need)?|what you(?:'ll| will)? need|"
    r"you(?:'ll| will) need|items?(?:/s)?(?: that)? you(?:'ll| will)? need|things you(?:'ll| will)? need|"
    r"supplies|kit|set[- ]?up|start(?:ing)? position|start|position|the movement|movement|"
    r"action|end position|finish(?:ing)? position|finish|to do this|special instructions|description|"
    r"step[- ]by[- ]step(?: guide| instructions)?|guide)$",
    re.I,
)
_ASIDE_LABEL = re.compile(
    r"^(?:benefits?|why(?: it works| it helps| do it| this helps| this exercise)?|how this helps|what it does|"
    r"what it (?:strengthens|stretches|works|targets)|muscles?(?: worked| targeted| used| stretched| trained)?|"
    r"targets?|target muscles|primary muscles|tips?|top tips|pro tips?|coach'?s (?:notes?|tips?)|notes?|"
    r"common mistakes|mistakes(?: to avoid)?|avoid|precautions?|cautions?|safety(?: tips)?|watch out|"
    r"feel|you should feel(?: it)?|where you(?:'ll| will|should) feel it|compensations?|"
    r"variations?|progressions?|regressions?|modifications?|make it (?:easier|harder)|"
    r"to make (?:it )?(?:easier|harder)|"
    r"easier|harder|advanced|beginners?|level up|options?)$",
    re.I,
)
_PART = re.compile(
    r"^(?P<word>level|lvl|variation|version|option|progression|regression|part|pt|phase|stage)\.?\s*"
    r"(?P<n>\d{1,2}|[a-d]|one|two|three|four|five|i{1,3}|iv)\b\s*(?:[:.)–—-]\s*(?P<rest>.*))?$",
    re.I,
)
_SERIES_WORDS = re.compile(
    r"\s+(?:ladder|progressions?|series|sequence|variations?|options|levels|regressions?|family|"
    r"(?:and|&)\s+(?:its\s+)?(?:variations?|progressions?))$",
    re.I,
)
_NOT_A_NAME_TEXT = (
    """pain ache aches anatomy cause causes symptom symptoms injury injuries treatment treatments surgery
    operation condition conditions arthritis sciatica health information recovery rehabilitation rehab
    overview diagnosis risk risks introduction conclusion summary references disclaimer contact comments
    comment home menu search share related newsletter subscribe privacy cookie cookies terms login account
    cart warm cool programme program routine workout session plan phase week weeks day days advice leaflet
    patient patients physiotherapy physiotherapist physio therapy therapist doctor clinic hospital author
    avatar posted updated video videos photo image gallery slideshow slide page chapter reading time minutes
    equipment muscles benefits tips mistakes precautions safety variations progressions stretching
    strengthening exercises stretches moves"""
)
_NOT_A_NAME = frozenset(_NOT_A_NAME_TEXT.split())
_PLAIN_TEXT = (
    """with from into onto over under your this that then each other opposite using against"""
)
_PLAIN = frozenset(_PLAIN_TEXT.split())
_MOVEMENT_WORDS_TEXT = (
    """neck chin ear head shoulder shoulders arm arms elbow elbows wrist wrists hand hands finger fingers back
    spine spinal hip hips knee knees leg legs ankle ankles foot feet toe toes heel heels calf calves thigh
    thighs quad quads quadricep quadriceps hamstring hamstrings glute glutes gluts gluteal core tummy
    abdominal abs pelvis pelvic trunk chest tail bottom buttock buttocks groin adductor adductors lumbar
    thoracic cervical scapula scapular blade blades transversus rib ribs jaw side body lift lifts raise raises
    press presses pull pulls push pushes reach reaches step steps walk walks slide slides bend bends twist
    twists turn turns kick kicks swing swings hold holds curl curls extension extensions flexion abduction
    adduction rotation rotations opener glide glides pump pumps sit stand lying seated standing kneeling prone
    supine sidelying drop drops hang tuck tucks arch angel angels clock march marches nod nods circle circles
    tilt tilts rock rocks roll rolls hug hugs squeeze squeezes wag wags shrug shrugs stretch squat squats
    lunge lunges plank planks bridge bridges crunch crunches dip dips taps tap rocking rolling walkout
    walkouts hinge hinges row rows fly flyes openers wipers wiper trap traps trapezius pec pecs pectoralis lat
    lats delt delts deltoid rhomboid rhomboids scalene scalenes forearm forearms thumb thumbs palm palms rotator
    cuff retraction retractions isolation isolations glide glides slider sliders alphabet alphabets scrunch
    pickup flexor flexors extensor extensors rotators tendon nerve fascia arch plantar achilles
    fist fists grip grips"""
)
_MOVEMENT_WORDS = frozenset(_MOVEMENT_WORDS_TEXT.split())


_COUNT_WORDS_TEXT = """two three four five six seven eight nine ten twelve to for in on"""
_COUNT_WORDS = frozenset(_COUNT_WORDS_TEXT.split())


def section_label(text: str) -> Literal["body", "aside"] | None:
    """Whether a short line labels a part of one exercise, and which kind; None when it does not."""
    label = _bare(text)
    if not label or len(label) > 40:
        return None
    if _BODY_LABEL.match(label):
        return "body"
    if _ASIDE_LABEL.match(label):
        return "aside"
    return None


def part_label(text: str) -> str | None:
    """ "Level 2" -> "level 2", "Clam pt 1" is not one (it names itself); None for other lines."""
    match = _PART.match(_bare(text))
    if match is None or (match.group("rest") and len(match.group("rest").split()) > 6):
        return None
    word = match.group("word").lower().rstrip(".")
    word = {"lvl": "level", "pt": "pt"}.get(word, word)
    return f"{word} {match.group('n').lower()}"


def series_parent(name: str) -> str:
    """The exercise a series heading is about: "Bridge ladder" -> "bridge", "Dead bug variations" -> "dead bug"."""
    return _SERIES_WORDS.sub("", name.strip()).strip() or name


def _bare(text: str) -> str:
    text = re.sub(r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|[-*•·])\s+", "", text.strip())
    return text.strip().strip("*_#:.-–— ").strip()


def tentative_name(text: str) -> Name | None:
    """A short line or lead-in that could name an exercise the lexicon does not know, or None.

    It must be 1-6 words of exercise vocabulary (a body part or a movement), not a question, a page
    section, a condition or a step of another exercise ("Lift your hips").
    """
    found = _tentative(text)
    if found is None and (topic := _TOPIC_SPLIT.match(text.strip())) is not None:
        # "Hamstring Strain – Knee Extenders": a condition or topic, then the exercise's name
        found = _tentative(topic.group("name")) if _names_condition(topic.group("topic")) else None
    return found


_TOPIC_SPLIT = re.compile(r"^(?P<topic>[^:–—|]{3,60}?)\s*(?:\s[–—-]\s|:\s|\s\|\s)\s*(?P<name>[^:–—|]{3,60})$")
_CONDITION_WORDS_TEXT = (
    """pain ache aches injury injuries strain strains sprain sprains tear tears tendinitis tendonitis
    tendinopathy bursitis arthritis osteoarthritis sciatica stiffness impingement rehab rehabilitation
    recovery syndrome"""
)
_CONDITION_WORDS = frozenset(_CONDITION_WORDS_TEXT.split())


def _names_condition(text: str) -> bool:
    """True for a phrase that names a condition or injury ("Calf strain", "Knee pain")."""
    return any(w in _CONDITION_WORDS for w in re.findall(r"[a-z]+", text.lower()))


def _tentative(text: str) -> Name | None:
    shape = _name_shape(text)
    if shape is None or _names_condition(text):
        return None
    name, words = shape
    known = vocabulary()
    pieces = [piece for w in words for piece in w.split("-") if piece]  # "rotator-cuff" is two body words
    if not any(w in _MOVEMENT_WORDS or (len(w) > 4 and w not in _PLAIN and normalize(w) in known) for w in pieces):
        return None
    return Name(name, (), None, 0.6)


def _body_word(word: str) -> bool:
    """True for a word (or hyphenated pair) naming a body part or movement ("hip", "rotator-cuff")."""
    return any(piece in _MOVEMENT_WORDS for piece in word.split("-"))


def sibling_name(text: str) -> Name | None:
    """A line shaped like an exercise's name with no exercise word in it ("Crossover", "Sidesteps with a
    band"), or None; the segmenter asks only when the line is set out like its neighbours that name
    exercises (numbered alike, or plain lines alike), and the pipeline keeps it only with instructions."""
    shape = _name_shape(text)
    if shape is None or not re.search(r"[A-Z]", text):
        return None
    return Name(shape[0], (), None, 0.5)


def _name_shape(text: str) -> tuple[str, list[str]] | None:
    """The name a short line could be, lower case, and its words, or None when its shape or words say it
    is no name."""
    bare = re.sub(
        r"^\s*(?:(?:exercise|ex\.?|no\.?|#)\s*\d+\s*[:.)–—-]*|\(?\d{1,2}\s*[.)]|\(?[a-z]\))\s*",
        "",
        text.strip(),
        flags=re.I,
    )
    bare = re.sub(r"\s*[(\[][^()\[\]]*[)\]]", "", bare).strip().strip("*_#:.,;–— -").strip()
    if not bare or "?" in bare or "!" in bare or re.search(r"\d{2,}|https?:|www\.|@|[|/\\>]{1}\s", bare):
        return None
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", bare)
    if not 1 <= len(words) <= 6 or len(" ".join(words)) < 4 or is_generic(bare) or section_label(bare):
        return None
    lower = [w.lower().strip("'’") for w in words]
    trained = len(lower) <= 3 and lower[-1] in ("strengthening", "stretching")  # "Rotator-cuff Strengthening"
    if any(w in _NOT_A_NAME for w in (lower[:-1] if trained else lower)) or (trained and not _body_word(lower[0])):
        return None
    if lower[0] in VERBS and (len(lower) == 1 or any(w in ("your", "the", "my", "a", "an") for w in lower)):
        return None  # a step of an exercise ("Lift your hips", "Repeat")
    if lower[0] in _COUNT_WORDS or lower[-1].endswith("ly") or lower[0] in ("and", "or", "but", "then", "so", "if"):
        return None
    return " ".join(bare.split()).lower().replace("’", "'"), lower
