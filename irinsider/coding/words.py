"""The words the coder reads a parse by: prepositions, subordinators, verb and noun
classes, the CAMEO roots each rule applies to, and small tests of single tokens.

Kept apart from the code that reads the parse (`syntax`, `modality`, `participants`,
`coder`) so that a word list can be read, and changed, in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = [
    "ADVERB_PARTICLES", "ASPECTUAL", "AUTHORING", "BACKGROUND_MARKS", "CIRCUMSTANCE_MARKS",
    "COOPERATIVE",
    "DOMESTIC_CONCESSIONS", "DOMESTIC_SECTORS", "FRAME_NOUNS", "FUTURE_INTENT_ROOTS",
    "FUTURE_THREAT_ROOTS", "INTRANSITIVE_PROTESTS",
    "MEASURES", "MISHAPS", "MODALS", "NOT_THREATS", "NOUN_TARGET_PREPS",
    "OBJECT_CONTROL", "OBLIGATION_MODALS", "PARTNER_PREPS", "PERSONAL_PRONOUNS", "PLACE_KINDS",
    "PLACE_PREPS", "PLACE_TARGET", "PLACE_TARGET_ROOTS", "PROTEST_ROOT", "RAISING",
    "RECIPROCAL_CODES", "RECIPROCAL_ROOTS", "RELATIVE_PRONOUNS", "SCENE_PREPS", "SPEECH_NOUNS",
    "STATE_SECTORS", "STATIVE_PARTICIPLES", "TARGET_PREPS", "ULTIMATUM_MARKS", "UNATTRIBUTED",
    "UNATTRIBUTED_ROOTS", "UNTARGETED_ROOTS", "WEAPONS", "WILLING", "compound_words",
    "hyphen_part", "is_reflexive",
]

# Prepositions that introduce a target after a verb or its object.
TARGET_PREPS = ("with", "to", "against", "on", "at", "toward", "towards", "into", "for",
                "from", "over", "upon", "between", "of")
# A verb's "in X" is where it happened ("held talks in Moscow"), not whom it was done to;
# after an object noun it does name a target ("sanctions in Syria", "projects in Cuba").
NOUN_TARGET_PREPS = (*TARGET_PREPS, "in")
# Prepositions that give an event's place.
PLACE_PREPS = ("in", "at")
# Subordinators of background clauses, which carry no event of their own.
BACKGROUND_MARKS = {"before", "since", "until", "although", "though", "if", "unless"}
# clauses of circumstance: background when the sentence reports something else, else the news
# ("resigned *as* the opposition threatened ..." / "the stopover came *as* he prepared to ...";
# "Poland condemned Russia *after* it attacked" / "oil prices rose *after* Riyadh cut output")
CIRCUMSTANCE_MARKS = {"as", "after", "while", "because", "whereas"}
# Verbs whose object is the subject of the wrapped verb: "urged Trump not to withdraw".
OBJECT_CONTROL = {"urge", "ask", "call", "tell", "invite", "persuade", "force", "allow",
                  "press", "pressure", "encourage", "warn", "order", "request", "appeal",
                  "implore", "beg", "advise", "help"}
# nouns for a statement whose -ing clause says what its author does: "a declaration demanding"
SPEECH_NOUNS = {"statement", "declaration", "letter", "resolution", "communique", "message",
                "note", "appeal", "report", "petition", "decree", "motion", "speech",
                "ultimatum", "memorandum", "complaint"}
# verbs whose object statement is the subject's own: "*adopted* a resolution that condemned"
# (not "rejected a resolution that ...", which is someone else's)
AUTHORING = {"adopt", "pass", "issue", "release", "publish", "approve", "sign", "send",
             "deliver", "draft", "table", "unveil", "present", "submit", "sponsor", "write",
             "put", "make", "read"}
# nouns that only frame an event their modifier names: "a mediation mission"
FRAME_NOUNS = {"mission", "effort", "initiative", "operation", "campaign", "process", "bid",
               "attempt", "plan", "programme", "program", "round", "session", "visit"}
# verbs that say an event goes on, starts or happens: "riots *continued*", "a war *broke out*"
ASPECTUAL = {"continue", "begin", "start", "erupt", "occur", "escalate", "intensify",
             "spread", "resume", "rage", "flare", "persist", "happen", "unfold"}
# "be opposed to", "be committed to": a state of the subject, not a passive
STATIVE_PARTICIPLES = {"oppose", "commit", "dedicate", "devote", "determine", "prepare",
                       "resolve", "concern", "worry", "disappoint", "satisfy", "interest"}
MODALS = {"may": "possible", "might": "possible", "could": "possible", "can": "possible",
          "will": "future", "would": "conditional", "shall": "future", "should": "advised",
          "must": "obligated", "'ll": "future", "wo": "future", "ca": "possible"}
# nouns that measure or count what follows "of": "700 kg of medicine"
MEASURES = {"kg", "kilogram", "ton", "tonne", "pound", "litre", "liter", "barrel", "worth",
            "amount", "number", "lot", "batch", "shipment", "consignment", "load", "cargo",
            "dozen", "hundred", "thousand", "million", "billion", "package", "supply",
            "quantity", "crate", "box", "truckload", "planeload", "shipload", "kind", "type",
            "day", "week", "month", "year", "hour", "round", "series", "wave"}
# Adverbs that spaCy sometimes attaches as advmod where they act as particles ("step down").
ADVERB_PARTICLES = {"down", "back", "away", "aside", "out", "off", "up", "over", "in"}
OBLIGATION_MODALS = {"must", "should"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Verbs whose object the parser often makes the subject of the next clause ("help Cuba
# modernise", "let Iran enrich").
RAISING = {"help", "let", "make", "enable", "allow", "permit", "force", "see", "watch"}
PERSONAL_PRONOUNS = {"he", "she", "it", "they", "we"}
# Roots whose events may stand without a target (a protest, a mobilisation).
UNTARGETED_ROOTS = {"14", "15"}
PROTEST_ROOT = "14"
# Verbs that mean a protest only without an object: "thousands *demonstrated*", "students
# *rallied* outside"; with one they show or gather something ("demonstrated its resolve",
# "rallied support", "marched troops to the border").
INTRANSITIVE_PROTESTS = {"demonstrate", "rally", "march"}
# Roots coded both ways for a compound subject without a target: they agree, meet or
# cooperate with each other; those who praise, support or recognise do it together to a
# third party, never to each other ("Japan and Britain welcomed the deal": no event).
RECIPROCAL_ROOTS = {"03", "04", "06"}
# codes the codebook calls reciprocal events: one actor's talks with another are the
# other's talks with it (019, 041, 046, 057, 061, 062; 0871: a ceasefire agreed by both
# sides). 040 and 044 are "typically" reciprocal but also cover attending an event.
RECIPROCAL_CODES = {"019", "041", "046", "057", "061", "062", "0871"}
PARTNER_PREPS = {"with", "to", "between", "among"}
# Roots of cooperation: refusing them is coded as a rejection.
COOPERATIVE = {"03", "04", "05", "06", "07", "08"}
# Cooperative actions in the future tense are intents (CAMEO 030's usage note).
FUTURE_INTENT_ROOTS = {"04", "05", "06", "07", "08"}
# Coercion and force in the future tense are threats: announced, not done.
FUTURE_THREAT_ROOTS = {"14", "16", "17", "18", "19", "20"}
# codes that stay what they are when announced for later or made conditional
NOT_THREATS = {"01", "02", "03", "10", "11", "12", "13"}
ULTIMATUM_MARKS = {"unless", "until"}
WILLING = {"ready", "prepared", "willing", "eager", "prepare", "keen", "open"}
PLACE_KINDS = {"country", "capital", "city", "region"}
# Roots whose events are done *to* the place where they happen (a visit, a protest, an
# attack); a statement made in Doha is not made to Qatar.
PLACE_TARGET_ROOTS = {"04", "08", "09", "13", "14", "15", "16", "17", "18", "19", "20"}
# How much less sure a target is when it is only the place of the event.
PLACE_TARGET = 0.8
# sectors that act inside their own country: with no country of their own named, rebels,
# parties, citizens ... acting on a country's government or people are that country's
# concessions a government makes to its own people (CAMEO 0811-0814, 082, 0832-0834)
DOMESTIC_CONCESSIONS = {"0811", "0812", "0813", "0814", "082", "0832", "0833", "0834"}
STATE_SECTORS = {"GOV", "COP", "JUD", "LEG"}
DOMESTIC_SECTORS = {"REB", "OPP", "PTY", "CVL", "REF", "EDU", "LAB", "AGR", "REL", "MED",
                    "ETH", "UAF", "HRI", "CRM"}
# coercion and violence (CAMEO 17-20) with no named doer is coded from the country it
# happened in: "were arrested in Turkey", "a bomb near Samarra killed"
UNATTRIBUTED_ROOTS = {"17", "18", "19", "20"}
UNATTRIBUTED = 0.5  # certainty factor of such a source
MISHAPS = {"accident", "crash", "collision", "earthquake", "flood", "storm", "disease",
           "illness", "cancer", "stampede", "landslide", "avalanche", "hurricane", "typhoon",
           "cyclone", "drowning", "overdose", "derailment"}
WEAPONS = {"bomb", "device", "explosive", "explosion", "blast", "mine", "minefield", "rocket",
           "missile", "shell", "mortar", "grenade", "bullet", "gunman", "sniper", "ied",
           "landmine", "drone", "artillery", "suicide"}
SCENE_PREPS = ("in", "at", "near", "outside", "inside", "around", "over", "across")


def compound_words(tok: Token) -> set[str]:
    """The lemmas of a word's compound and adjective modifiers: "car", "roadside" of
    "a roadside car *bomb*"."""
    return {c.lemma_.lower() for c in tok.children if c.dep_ in ("compound", "amod")}


def hyphen_part(tok: Token) -> bool:
    """A piece of a hyphenated word the tokenizer cut ("re" and "-" of "re-open")."""
    doc = tok.doc
    return tok.text == "-" or (tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-"
                               and not doc[tok.i].whitespace_)


def is_reflexive(tok: Token) -> bool:
    """ "themselves", "itself" ...: the doer, not someone else done to."""
    return tok.lower_ in ("themselves", "itself", "himself", "herself", "ourselves")
