"""Article context: who a pronoun, a surname, a title or an unnamed force stands for.

Before its sentences are coded, an article is read once from start to end
(`read_context`), and every word that names an actor only through what came before it is
given that actor, or left unresolved when the article does not settle who it is:

- **Aliases.** "Prime Minister John Howard ... Mr Howard ... Howard" is one person: a
  surname alone stands for the person of the article with that surname; a surname two
  people of the article share stays unresolved.
- **Titles.** "the prime minister", "the Israeli leader" stand for the one person named
  earlier in the article with that office (and that country); with two such people, none.
- **Descriptions.** "the island", "the country", "the group", "the alliance" stand for the
  nearest country or organisation before them.
- **Pronouns.** "he", "her", "its", "they" stand for the nearest compatible actor before
  them: a person (of the gender "Mr" or "Ms" gave) for "he" and "she"; a country, an
  organisation or a body ("the army") for "it"; a plural ("Israeli troops") or a group
  for "they". A possessive stands first for the subject of its own clause ("accused Kenya
  of moving *its* troops"), an object never does ("Putin praised *him*"). Among several
  candidates in the nearest sentence that has any, the subject is chosen; with two
  subjects, or when the nearest candidate is no actor at all ("the deal ... it", an
  unknown man), the pronoun stays unresolved: it is never guessed from the nearest
  country word.
- **Unnamed forces and officials** ("soldiers", "the government") with no country of
  their own take, as a last resort, the one country the article has given that role
  before ("Israeli soldiers ... soldiers"), else the one country it has named. Victims
  (the objects of a verb, the subjects of a passive) give no role: a victim's nationality
  is never the doer's.

The result, for each Doc, is a `DocContext`: the actors its words stand for, by token
index, each marked ``via="context"`` and named after the actor it stands for (so that a
reader can show "he = Vladimir Putin"). `participants` reads it when it chooses who did
what to whom; the coder adds ``/context`` to the rule of an event one of whose actors came
from it.

The pass is linear in the article: a pronoun looks back at most `LOOKBACK` sentences, a
title reads an index of the article's people by office, a surname an index by surname.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .actors import ActorDictionary, Marks, Resolved
from .rules import VerbTable
from .syntax import is_passive, subject_heads
from .words import MISHAPS, WEAPONS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["LOOKBACK", "DocContext", "read_context", "violent_verbs"]

# How many sentences before its own a pronoun or a description looks back at.
LOOKBACK = 2
# How much less sure an actor is when the article, not the phrase, says who it is.
ALIAS = 0.95  # a surname of someone named in full
REFERENCE = 0.85  # a pronoun, a title or a description
ROLE = 0.6  # an unnamed force placed by the article's roles
# CAMEO roots of violence, whose agentless passives may take the article's doer.
VIOLENT_ROOTS = {"18", "19", "20"}

# At most how many words a title before a name runs to, and how many of the nearest
# mentions of its own sentence a pronoun looks at: bounds that keep the pass linear.
TITLE_WORDS = 8
NEAREST = 30

# Kinds of mention a later word may refer to.
PERSON, COUNTRY, BODY, PLURAL, THING = "person", "country", "body", "plural", "thing"

MALE_PRONOUNS = {"he", "him", "his", "himself"}
FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS
REFLEXIVES = {"himself", "herself", "itself", "themselves"}

# Words before a name that say a person's gender.
MALE_TITLES = {"mr", "mr.", "sir", "lord", "king", "prince", "sheikh", "emir", "sultan"}
FEMALE_TITLES = {"ms", "ms.", "mrs", "mrs.", "miss", "madam", "dame", "lady", "queen",
                 "princess", "sheikha"}
GENDER_TITLES = MALE_TITLES | FEMALE_TITLES | {"dr", "dr."}
HONORIFICS = GENDER_TITLES | {"president", "minister", "general"}

# Singular words of the sector lists that name a person, not a body ("the minister", not
# "the ministry"): a person is "he" or "she", a body "it".
PERSON_WORDS = {
    "president", "vice president", "president-elect", "head of state", "prime minister",
    "premier", "chancellor", "minister", "foreign minister", "defence minister",
    "defense minister", "interior minister", "finance minister", "secretary of state",
    "secretary of defense", "official", "senior official", "government official",
    "spokesman", "spokeswoman", "spokesperson", "diplomat", "ambassador", "envoy", "consul",
    "negotiator", "leader", "ruler", "dictator", "king", "queen", "monarch", "emperor",
    "crown prince", "emir", "sultan", "governor", "mayor", "statesman", "general",
    "commander", "military commander", "military leader", "army chief", "military officer",
    "army officer", "admiral", "colonel", "lieutenant", "brigadier", "major general",
    "soldier", "marine", "sailor", "airman", "paratrooper", "policeman", "policewoman",
    "police officer", "officer", "judge", "magistrate", "prosecutor", "public prosecutor",
    "attorney general", "lawyer", "lawmaker", "legislator", "senator", "speaker",
    "journalist", "reporter", "activist", "protester", "student", "farmer", "worker",
    "chief", "representative", "mediator", "delegate", "observer", "inspector", "expert",
    "secretary-general", "foreign secretary", "defence secretary", "defense secretary",
}
# Offices a title alone may stand for, and the offices (as `leaders.yaml` and titles
# before a name spell them) that answer to it.
HEADS = {"president", "prime minister", "premier", "chancellor", "king", "queen",
         "emperor", "supreme leader", "general secretary", "chairman", "emir", "sultan",
         "monarch", "leader"}
OFFICES = {
    "president": {"president", "president-elect", "commission president",
                  "council president"},
    "prime minister": {"prime minister", "premier"},
    "premier": {"prime minister", "premier"},
    "chancellor": {"chancellor"},
    "foreign minister": {"foreign minister", "foreign secretary", "secretary of state"},
    "foreign secretary": {"foreign minister", "foreign secretary", "secretary of state"},
    "secretary of state": {"foreign minister", "foreign secretary", "secretary of state"},
    "defence minister": {"defence minister", "defense minister", "defence secretary",
                         "defense secretary", "secretary of defense"},
    "defense minister": {"defence minister", "defense minister", "defence secretary",
                         "defense secretary", "secretary of defense"},
    "minister": {"minister"},
    "interior minister": {"interior minister"},
    "finance minister": {"finance minister"},
    "king": {"king"}, "queen": {"queen"}, "emperor": {"emperor"}, "emir": {"emir"},
    "sultan": {"sultan"}, "crown prince": {"crown prince"}, "monarch": {"king", "queen"},
    "secretary-general": {"secretary-general"}, "governor": {"governor"},
    "mayor": {"mayor"}, "leader": HEADS, "ruler": HEADS,
}
# Nouns that, after "the", stand for a country or an organisation named before, and the
# kinds of actor each may stand for.
_STATES = frozenset({"country", "capital", "metonym"})
_GROUPS = frozenset({"group"})
_BODIES = frozenset({"igo", "group"})
_IGOS = frozenset({"igo"})
DESCRIBED = {
    "country": _STATES, "nation": _STATES, "kingdom": _STATES, "island": _STATES,
    "republic": _STATES, "archipelago": _STATES, "emirate": _STATES,
    "group": _GROUPS, "movement": _GROUPS, "militia": _GROUPS, "faction": _GROUPS,
    "network": _GROUPS, "party": _GROUPS,
    "organisation": _BODIES, "organization": _BODIES, "agency": _BODIES, "body": _BODIES,
    "alliance": _IGOS, "bloc": _IGOS,
}
# Modifiers that leave a description the same thing: "the island nation", "the tiny
# kingdom"; any other ("the neighbouring country", "the host nation") makes it another.
PLAIN_MODIFIERS = {"island", "small", "tiny", "poor", "impoverished", "landlocked",
                   "war-torn", "oil-rich", "isolated", "reclusive", "communist", "militant",
                   "armed", "rebel", "islamist", "jihadist", "separatist", "regional",
                   "military", "political", "pacific", "african", "asian", "arab", "gulf",
                   "caribbean", "balkan", "baltic", "himalayan", "andean", "european",
                   "nordic", "alpine", "south american", "central asian"}
# Sector words whose people serve others than the country around them, or are there
# from elsewhere: never placed by the article's roles.
UNPLACED = {"peacekeeper", "peacekeepers", "observer", "observers", "monitor", "monitors",
            "inspector", "inspectors", "mercenary", "mercenaries", "refugee", "refugees",
            "migrant", "migrants", "tourist", "tourists", "envoy", "envoys", "diplomat",
            "diplomats", "ambassador", "ambassadors", "delegation", "delegations",
            "mediator", "mediators", "negotiator", "negotiators", "embassy", "embassies"}
UNPLACED_SECTORS = {"REF", "ELI"}
# The dependencies of a victim: what is done to someone.
PATIENT_DEPS = {"dobj", "obj", "dative", "iobj", "nsubjpass", "pobj"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
COPULAS = {"be", "seem", "appear", "remain", "become"}
PATIENT_PREPS = {"at", "against", "upon", "toward", "towards"}
# Weapons and vehicles of the sector lists: a force when they act ("gunships fired"), goods
# when they are sold or bought ("ordered 40 jets"), so placed only as a clause's subject.
EQUIPMENT = {"tank", "jet", "fighter jet", "aircraft", "helicopter", "gunship", "warplane",
             "bomber", "warship", "gunboat", "drone", "artillery"}
# Offices and bodies a country has one of: in the plural ("the two governments", "their
# leftist governments") they are several countries', never one placed by the article.
ONE_A_COUNTRY = {"governments", "administrations", "regimes", "cabinets", "parliaments",
                 "presidents", "prime ministers", "premiers", "chancellors", "monarchs",
                 "kings", "queens", "foreign ministers", "defence ministers",
                 "defense ministers", "foreign ministries", "armies", "militaries",
                 "navies", "air forces"}


@dataclass
class DocContext:
    """What the article says of the words of one Doc, by token index.

    `referents`: the actor a word stands for (a pronoun, a surname, a title, a
    description, a noun under a possessive pronoun: "*his* government"); `owners`: the
    actor a possessive pronoun gives the noun it modifies ("rejected *his* proposal");
    `located`: an unnamed force or official placed by the article's roles, used only
    when its own sentence places it nowhere; `doers`: for the verb of an agentless
    passive of violence ("three civilians were killed"), the one doer of violence the
    article named just before ("Russian forces shelled Kharkiv").
    """

    referents: dict[int, Resolved] = field(default_factory=dict)
    owners: dict[int, Resolved] = field(default_factory=dict)
    located: dict[int, Resolved] = field(default_factory=dict)
    doers: dict[int, Resolved] = field(default_factory=dict)

    def refer(self, head: Token, found: list[Resolved]) -> list[Resolved]:
        """The actors a phrase headed by `head` stands for, given what the dictionary
        `found` for it: the article's actor where the phrase names none of its own, or
        only a sector with no country ("the minister", "his government")."""
        if len(found) > 1:
            return found
        ref = self.referents.get(head.i)
        if ref is None:
            return found
        if found and found[0].country is not None and ref.country != found[0].country:
            return found
        return [ref]

    def doer(self, verb: Token) -> Resolved | None:
        """Who the article says did what an agentless passive verb says was done."""
        return self.doers.get(verb.i)

    def owner_of(self, head: Token) -> Resolved | None:
        """Whose the thing headed by `head` is, by a possessive pronoun: "*his* plan"."""
        return self.owners.get(head.i)

    def locate(self, actor: Resolved) -> Resolved:
        """An actor with no country, placed by the article's roles where it says whose."""
        if actor.country is not None or not actor.code.startswith("---"):
            return actor
        placed = self.located.get(actor.start)
        return placed if placed is not None and placed.sector == actor.sector else actor


@dataclass(frozen=True)
class _Mention:
    """Something the article has named that a later word may stand for."""

    actor: Resolved | None  # None: no actor we can code (an unknown man, "the deal")
    kind: str  # PERSON, COUNTRY, BODY, PLURAL or THING
    token: int
    subject: bool
    gender: str | None = None
    key: str = ""  # what makes two mentions one referent

    def fits(self, pronoun: str) -> bool:
        """Whether `pronoun` may stand for what this mention names."""
        if pronoun in MALE_PRONOUNS:
            return self.kind == PERSON and self.gender != "f"
        if pronoun in FEMALE_PRONOUNS:
            return self.kind == PERSON and self.gender != "m"
        if pronoun in THING_PRONOUNS:
            return self.kind in (COUNTRY, BODY, THING)
        return self.kind == PLURAL or (
            self.kind == BODY and self.actor is not None and self.actor.kind == "group")


@dataclass
class _Person:
    """A person of the article: the actor, and its surnames and offices."""

    mention: _Mention
    offices: set[str] = field(default_factory=set)


class _Reader:
    """Reads an article's sentences in order and remembers what they named."""

    def __init__(self, actors: ActorDictionary, when: date | None,
                 violent: frozenset[str] = frozenset()) -> None:
        self.actors = actors
        self.when = when
        self.violent = violent  # lemmas of verbs of violence
        self.recent: deque[list[_Mention]] = deque(maxlen=LOOKBACK)
        self.violence: deque[list[_Mention]] = deque(maxlen=LOOKBACK)  # doers, by sentence
        self.people: dict[str, _Person] = {}  # by key
        self.surnames: dict[str, str | None] = {}  # surname -> person key (None: shared)
        self.by_office: dict[str, set[str]] = {}  # office -> person keys
        self.roles: dict[str, set[str]] = {}  # sector -> countries (two at most kept)
        self.countries: set[str] = set()  # countries named, two at most kept

    # ---- a sentence -------------------------------------------------------------------
    def sentence(self, sent: Span, marks: Marks, caption: bool, ctx: DocContext) -> None:
        mentions: list[_Mention] = []
        by_token: dict[int, _Mention] = {}
        for tok in sent:
            if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
                if caption or _expletive(tok) or (
                        tok.lower_ == "it" and tok.dep_ in PATIENT_DEPS):
                    continue  # "denies *it*": what is done, said or denied, mostly
                found = self._pronoun(tok, mentions, by_token)
                if found is None:
                    continue
                if found.actor is not None:
                    ref = _as_reference(found.actor, tok.i, tok.i + 1, REFERENCE)
                    ctx.referents[tok.i] = ref
                    if tok.dep_ == "poss":
                        ctx.owners[tok.head.i] = dataclasses.replace(
                            ref, start=tok.head.left_edge.i, end=tok.head.i + 1)
                mention = dataclasses.replace(found, token=tok.i, subject=_is_subject(tok))
                mentions.append(mention)
                by_token[tok.i] = mention
                continue
            if not _is_head(tok, marks):
                continue
            named = self._noun(tok, marks, caption, ctx, mentions, by_token)
            if named is not None:
                mentions.append(named)
                by_token[tok.i] = named
        if not caption:
            self._violence(sent, by_token, ctx)
            self.recent.append(mentions[-NEAREST:])

    def _violence(self, sent: Span, by_token: dict[int, _Mention], ctx: DocContext) -> None:
        """Remember who did violence; give an agentless passive of violence its doer when
        its own sentence, or the one before, named one doer of violence, and only one,
        and no weapon or mishap; never a doer of the victims' own country."""
        doers: list[_Mention] = []
        # "... when a missile hit the village": the sentence says what did it
        caused = any(t.lemma_.lower() in WEAPONS | MISHAPS for t in sent)
        for tok in sent:
            if tok.pos_ != "VERB" or tok.lemma_.lower() not in self.violent:
                continue
            if is_passive(tok) or (tok.dep_ == "acl" and tok.tag_ == "VBN"):
                if caused or any(c.dep_ == "agent" for c in tok.children):
                    continue
                group = doers[-NEAREST:] or (self.violence[-1] if self.violence else [])
                chosen = _salient(group) if group else None
                if chosen is None or chosen.actor is None:
                    continue
                victims = [by_token[c.i].actor for c in tok.children
                           if c.dep_ == "nsubjpass" and c.i in by_token]
                if tok.dep_ == "acl" and tok.head.i in by_token:  # "civilians *killed*"
                    victims.append(by_token[tok.head.i].actor)
                if any(v is not None and v.country == chosen.actor.country for v in victims):
                    continue  # "an Israeli civilian was killed": not by Israel's forces
                ctx.doers[tok.i] = _as_reference(chosen.actor, tok.i, tok.i + 1, REFERENCE)
                continue
            subject = next((by_token[c.i] for c in tok.children
                            if c.dep_ == "nsubj" and c.i in by_token), None)
            if subject is not None and subject.kind != THING:
                doers.append(subject)
        self.violence.append(doers[-NEAREST:])

    # ---- pronouns ---------------------------------------------------------------------
    def _pronoun(self, tok: Token, mentions: list[_Mention],
                 by_token: dict[int, _Mention]) -> _Mention | None:
        word = tok.lower_
        if tok.dep_ == "poss" or word in REFLEXIVES:
            subjects = _clause_subjects(tok)
            if word in PLURAL_PRONOUNS and any(tok.doc[i].conjuncts for i in subjects):
                # "Díaz-Canel and Trong reaffirmed *their* ideology": both of them
                return _Mention(None, PLURAL, tok.i, False, None, f"#{tok.i}")
            # "accused Kenya of moving *its* troops": the subject of its own clause
            own = [by_token[i] for i in subjects if i in by_token and by_token[i].fits(word)]
            if own:
                return own[0]
            if word in PLURAL_PRONOUNS and any(i in by_token for i in subjects):
                # a single subject and "their": a misread list, or the subject and others
                return _Mention(None, PLURAL, tok.i, False, None, f"#{tok.i}")
        bound = _bound(tok, by_token) if word not in REFLEXIVES else set()
        for k, group in enumerate((mentions[-NEAREST:], *reversed(self.recent))):
            fitting = [m for m in group if m.fits(word) and m.key not in bound]
            if fitting:
                # an object with two candidates in its own sentence is not settled by
                # which of them is a subject ("said Japan welcomed the president's
                # decision and would work with *him*")
                return _salient(fitting, prefer_subject=k > 0 or tok.dep_ in (
                    *SUBJECT_DEPS, "poss"))
        return None

    # ---- names, titles and descriptions ------------------------------------------------
    def _noun(self, tok: Token, marks: Marks, caption: bool, ctx: DocContext,
              mentions: list[_Mention], by_token: dict[int, _Mention]) -> _Mention | None:
        found = self.actors.resolve(tok, marks, self.when)
        subject = _is_subject(tok)
        ref = self._alias(tok, found) or self._title(tok, marks, found) or (
            None if caption else self._description(tok, found, mentions, by_token))
        owner = ctx.owners.get(tok.i)
        if ref is None and owner is not None and found is not None and _countryless(found):
            # "his government", "its forces": the owner's
            ref = _owned(self.actors, found, owner)
        if ref is not None:
            ctx.referents[tok.i] = ref
            return self._remember(tok, marks, ref, subject, patient=True)
        if found is None:
            return self._unknown(tok, subject)
        if _countryless(found):
            placed = None if caption else self._placed(tok, found)
            if placed is not None:
                ctx.located[found.start] = placed
            return self._remember(tok, marks, found, subject, patient=True, usable=False)
        return self._remember(tok, marks, found, subject, patient=_is_patient(tok))

    def _alias(self, tok: Token, found: Resolved | None) -> Resolved | None:
        """A surname alone: "Mr Howard", "Howard" after "John Howard"."""
        if not tok.text[:1].isupper() or tok.text not in self.surnames or _full_name(tok):
            return None  # (spaCy may read a surname opening a sentence as a noun)
        honorific = any(c.dep_ == "compound" and c.lower_ in HONORIFICS for c in tok.children)
        if found is not None and found.kind == "leader":
            return None  # the dictionary knows this person by that name
        if found is not None and found.country is not None and not honorific:
            return None  # "Jordan" is a country unless "Mr Jordan"
        key = self.surnames.get(tok.text)
        if key is None:
            return None
        person = self.people[key].mention
        if person.actor is None:
            return None
        start = min(c.i for c in tok.subtree if c.dep_ == "compound") if honorific else tok.i
        return _as_reference(person.actor, min(start, tok.i), tok.i + 1, ALIAS)

    def _title(self, tok: Token, marks: Marks, found: Resolved | None) -> Resolved | None:
        """A title alone stands for the one person of the article who holds it: "the
        prime minister", "the Israeli leader", "Japan's foreign minister"."""
        office = _office_word(tok, marks)
        if office is None or tok.tag_ in ("NNS", "NNPS") or not _plain_title(tok, marks):
            return None
        keys = {k for o in OFFICES.get(office, {office}) for k in self.by_office.get(o, ())}
        people = [self.people[k].mention for k in sorted(keys)]
        if found is not None and found.country is not None:
            people = [p for p in people if p.actor is not None
                      and p.actor.country == found.country]
        if len(people) != 1 or people[0].actor is None:
            return None
        span = _phrase_span(tok)
        return _as_reference(people[0].actor, span[0], span[1], REFERENCE)

    def _description(self, tok: Token, found: Resolved | None, mentions: list[_Mention],
                     by_token: dict[int, _Mention]) -> Resolved | None:
        """ "the island", "the country", "the group": the nearest such actor before."""
        lemma = tok.lemma_.lower()
        if (found is not None and not _countryless(found)) or tok.tag_ in ("NNS", "NNPS") \
                or not _definite(tok):
            return None
        kinds = DESCRIBED.get(lemma)
        if kinds is None:
            return None
        if any(c.dep_ in ("amod", "compound") and c.lower_ not in PLAIN_MODIFIERS
               for c in tok.children):
            return None  # "the neighbouring country": another one
        bound = _bound(tok, by_token)  # "China condemned *the island*": not China
        for group in (mentions[-NEAREST:], *reversed(self.recent)):
            fitting = [m for m in group if m.actor is not None and m.actor.kind in kinds
                       and m.key not in bound]
            if fitting:
                chosen = _salient(fitting)
                if chosen is None or chosen.actor is None:
                    return None
                span = _phrase_span(tok)
                return _as_reference(chosen.actor, span[0], span[1], REFERENCE)
        return None

    def _placed(self, tok: Token, found: Resolved) -> Resolved | None:
        """An unnamed force or official placed by the article's roles, or None."""
        words = tok.doc[found.start:found.end].text.lower()
        if tok.lower_ in UNPLACED or found.sector in UNPLACED_SECTORS or found.sector is None:
            return None
        if words in ONE_A_COUNTRY or any(c.dep_ == "nummod" or c.lower_ in ("both", "all")
                                         for c in tok.children):
            return None  # "the two governments": more than one country
        if tok.lemma_.lower() in EQUIPMENT and tok.dep_ not in ("nsubj", "agent"):
            return None  # "ordered 40 jets": goods
        if tok.tag_ not in ("NNS", "NNPS") and (words in PERSON_WORDS or words in OFFICES):
            return None  # a title alone is its holder, or no one: "the former president"
        if any(c.dep_ in ("amod", "compound", "nmod") and c.i not in range(found.start, found.end)
               and (c.ent_type_ in ("NORP", "GPE", "LOC") or c.text[:1].isupper())
               for c in tok.children):
            return None  # its own modifier says whose, if not which: "European officials"
        countries = self.roles.get(found.sector) or self.countries
        if len(countries) != 1:
            return None
        (country,) = countries
        return dataclasses.replace(
            found, code=self.actors.country_code(country) + found.sector, country=country,
            certainty=found.certainty * ROLE, via="context")

    # ---- remembering -------------------------------------------------------------------
    def _remember(self, tok: Token, marks: Marks, actor: Resolved, subject: bool,
                  patient: bool, usable: bool = True) -> _Mention:
        kind = _kind_of(tok, actor, marks)
        gender = _gender(tok)
        key = f"{actor.code}|{actor.name}"
        mention = _Mention(actor if usable else None, kind, tok.i, subject, gender,
                           key if usable else f"#{tok.i}")
        if not usable:
            return mention
        if kind == PERSON:
            self._person(tok, marks, mention)
        if not patient and actor.country and actor.via != "context":
            if actor.sector:
                _add(self.roles.setdefault(actor.sector, set()), actor.country)
            _add(self.countries, actor.country)
        return mention

    def _person(self, tok: Token, marks: Marks, mention: _Mention) -> None:
        """Index a person by surname and office."""
        person = self.people.get(mention.key)
        if person is None:
            person = self.people[mention.key] = _Person(mention)
        elif mention.gender and not person.mention.gender:
            person.mention = dataclasses.replace(person.mention, gender=mention.gender)
        if tok.pos_ == "PROPN" and _full_name(tok, marks):
            known = self.surnames.get(tok.text, mention.key)
            self.surnames[tok.text] = mention.key if known == mention.key else None
        for office in self._offices(tok, marks):
            person.offices.add(office)
            self.by_office.setdefault(office, set()).add(mention.key)

    def _offices(self, tok: Token, marks: Marks) -> set[str]:
        """A person's offices: the title before the name ("Prime Minister John Howard"),
        an apposition ("India's foreign minister, S. Jaishankar"), and the dictionary's
        terms at the article's date."""
        out: set[str] = set()
        title = [t.lower_ for t in _before(tok) if t.dep_ == "compound"
                 and t.i in marks and any(e.kind == "sector" for e in marks[t.i][2])]
        if title:
            out.add(" ".join(title))
        for other in (*(c for c in tok.children if c.dep_ == "appos"),
                      *((tok.head,) if tok.dep_ == "appos" else ())):
            words = [t.lower_ for t in other.lefts if t.dep_ in ("compound", "amod")
                     and t.ent_type_ not in ("NORP", "GPE")]
            out.add(" ".join([*words, other.lower_]))
        mark = marks.get(tok.i)
        for entry in mark[2] if mark is not None else ():
            if entry.kind == "leader":
                out |= {t.role for t in entry.terms if self.when is None or t.holds(self.when)}
        # "the minister" may stand for a foreign minister, not for a prime minister
        out |= {"minister" for o in out if o.endswith(" minister") and o != "prime minister"}
        return out

    def _unknown(self, tok: Token, subject: bool) -> _Mention | None:
        """A noun that names no actor: a person we cannot code blocks "he"; a thing
        that is the subject or object of a clause blocks "it" or "they"."""
        if tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and any(
                c.lower_ in HONORIFICS for c in tok.lefts)):
            return _Mention(None, PERSON, tok.i, subject, _gender(tok), f"#{tok.i}")
        if tok.pos_ == "NOUN" and tok.dep_ in (*SUBJECT_DEPS, "dobj"):
            kind = PLURAL if tok.tag_ == "NNS" else THING
            if tok.lemma_.lower() in PERSON_WORDS:
                kind = PERSON
            return _Mention(None, kind, tok.i, subject, _gender(tok), f"#{tok.i}")
        return None


# ---- the whole article ------------------------------------------------------------------
def read_context(docs: Iterable[tuple[Doc, Marks, bool]], actors: ActorDictionary,
                 when: date | None, max_tokens: int = 1000,
                 violent: frozenset[str] = frozenset()) -> list[DocContext]:
    """Read an article's Docs in order, each with its actor marks and whether it is a
    caption; one `DocContext` a Doc. Sentences over `max_tokens` are skipped, as the
    coder skips them. Captions take aliases and titles from the text but give it nothing,
    and their pronouns are left alone. `violent`: the lemmas of verbs of violence
    (`violent_verbs`), whose doers an agentless passive may take."""
    reader = _Reader(actors, when, violent)
    out: list[DocContext] = []
    for doc, marks, caption in docs:
        ctx = DocContext()
        for sent in doc.sents:
            if len(sent) <= max_tokens:
                reader.sentence(sent, marks, caption, ctx)
        out.append(ctx)
    return out


_VIOLENT: dict[int, frozenset[str]] = {}


def violent_verbs(rules: VerbTable) -> frozenset[str]:
    """The verbs the table codes as violence (CAMEO 18-20) on their own, without an
    object or a particle: "kill", "shell", "attack" (not "launch", not "strike" alone
    if its bare pattern is a labour strike). Read once per table."""
    key = id(rules)
    if key not in _VIOLENT:
        _VIOLENT[key] = frozenset(
            lemma for lemma, pats in rules.patterns.items()
            if any(p.code[:2] in VIOLENT_ROOTS and p.objects is None and p.particle is None
                   and p.prep_objects is None for p in pats))
    return _VIOLENT[key]


# ---- helpers -------------------------------------------------------------------------------
def _salient(fitting: Sequence[_Mention], prefer_subject: bool = True) -> _Mention | None:
    """Of the candidates in one sentence, the only one, else the only subject, else none
    (a mention with no actor blocks: the pronoun is then left unresolved)."""
    keys = {m.key for m in fitting}
    if len(keys) == 1:
        return fitting[-1]
    if not prefer_subject:
        return None
    subjects = {m.key for m in fitting if m.subject}
    if len(subjects) == 1:
        return next(m for m in fitting if m.subject)
    return None


def _as_reference(actor: Resolved, start: int, end: int, certainty: float) -> Resolved:
    return dataclasses.replace(actor, start=start, end=end,
                               certainty=round(actor.certainty * certainty, 3), via="context")


def _owned(actors: ActorDictionary, found: Resolved, owner: Resolved) -> Resolved | None:
    """A sector word under a possessive pronoun, as the owner's: "*its* forces"."""
    if owner.country is None:
        return None
    code = actors.country_code(owner.country) + (found.sector or "")
    return dataclasses.replace(found, code=code, country=owner.country,
                               certainty=found.certainty * 1.4, via="context")


def _countryless(actor: Resolved) -> bool:
    """A sector word with no country: "officials", "the minister"."""
    return actor.country is None and actor.code.startswith("---") and bool(actor.sector)


def _add(countries: set[str], country: str) -> None:
    """Remember a country; two are enough to know there is more than one."""
    if len(countries) < 2:
        countries.add(country)


def _is_head(tok: Token, marks: Marks) -> bool:
    """The head of a noun phrase (not a word inside a name or a compound)."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ == "compound":
        return False
    mark = marks.get(tok.i)
    return mark is None or not (mark[0] <= tok.head.i < mark[1] and tok.head.i != tok.i)


def _is_subject(tok: Token) -> bool:
    """A subject, or one of several joined subjects ("Putin and *Erdogan* met")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in SUBJECT_DEPS


def _clause_subjects(tok: Token) -> list[int]:
    """The subjects of the clause a word is in."""
    clause = _clause_of(tok)
    return [s.i for s in subject_heads(clause)] if clause is not None else []


def _bound(tok: Token, by_token: dict[int, _Mention]) -> set[str]:
    """Who an object cannot stand for: the subject of its own clause ("Putin praised
    *him*", "China condemned *the island*")."""
    if tok.dep_ not in PATIENT_DEPS:
        return set()
    return {by_token[i].key for i in _clause_subjects(tok) if i in by_token}


def _is_patient(tok: Token) -> bool:
    """A phrase things are done to: an object, a passive's subject, what is fired at."""
    if tok.dep_ == "pobj":
        return tok.head.lower_ in PATIENT_PREPS
    return tok.dep_ in PATIENT_DEPS


def _clause_of(tok: Token) -> Token | None:
    """The verb whose clause a word is in."""
    cur = tok
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return cur if cur.pos_ in ("VERB", "AUX") else None


def _full_name(tok: Token, marks: Marks | None = None) -> bool:
    """A personal name of two words or more: "John Howard", "Interior Minister Rosa
    Fuentes", not "Howard" or "Minister Fuentes"."""
    marks = marks or {}
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" and c.lower_ not in HONORIFICS
               and not _titled(c, marks) for c in tok.lefts)


def _titled(tok: Token, marks: Marks) -> bool:
    """A word of a title or a country's name: "Interior Minister", "Chilean"."""
    mark = marks.get(tok.i)
    return mark is not None and any(e.kind in ("sector", "country") for e in mark[2]) \
        and not any(e.kind == "leader" for e in mark[2])


def _is_person(tok: Token, marks: Marks) -> bool:
    """A proper name of a person: spaCy says so, or a title or "Mr" comes before it."""
    if tok.ent_type_ == "PERSON":
        return True
    if tok.pos_ != "PROPN":
        return False
    return any(t.dep_ == "compound" and (
        t.lower_ in HONORIFICS or any(
            e.kind == "sector" and t.doc[m[0]:m[1]].text.lower() in PERSON_WORDS
            for m in (marks.get(t.i),) if m is not None for e in m[2]))
        for t in _before(tok))


def _gender(tok: Token) -> str | None:
    words = {c.lower_ for c in tok.lefts if c.dep_ == "compound"} | {tok.lower_}
    if words & MALE_TITLES or tok.lower_ in ("spokesman", "policeman", "statesman"):
        return "m"
    if words & FEMALE_TITLES or tok.lower_ in ("spokeswoman", "policewoman"):
        return "f"
    return None


def _kind_of(tok: Token, actor: Resolved, marks: Marks) -> str:
    """Whether a later "he", "it" or "they" may stand for what `tok` names."""
    if actor.kind == "leader" or _is_person(tok, marks):
        return PERSON
    plural = tok.tag_ in ("NNS", "NNPS")
    if actor.kind in ("group", "igo"):
        return BODY
    if actor.kind in ("country", "capital", "city", "metonym", "region") \
            and tok.pos_ == "PROPN":
        return COUNTRY
    if plural:
        return PLURAL
    if tok.lemma_.lower() in PERSON_WORDS or tok.lower_ in PERSON_WORDS:
        return PERSON
    return BODY


def _office_word(tok: Token, marks: Marks) -> str | None:
    """The office a noun names ("prime minister" of "the prime minister"), or None."""
    mark = marks.get(tok.i)
    text = tok.doc[mark[0]:mark[1]].text.lower() if mark is not None else tok.lower_
    return text if text in OFFICES else None  # not "the *former president*"


def _plain_title(tok: Token, marks: Marks) -> bool:
    """A title with nothing but an article, a country or its possessive: "the
    president", "the Israeli leader", "Japan's prime minister" (not "the former
    president", "the opposition leader", "a minister", "President Macron")."""
    mark = marks.get(tok.i)
    inside = set(range(mark[0], mark[1])) if mark is not None else {tok.i}
    det = False
    for c in tok.children:
        if c.i in inside:
            continue
        if c.dep_ == "det":
            if c.lower_ != "the":
                return False
            det = True
        elif c.dep_ == "poss" and c.pos_ == "PROPN":
            det = True
        elif c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"):
            continue
        elif c.dep_ in ("amod", "compound", "nmod", "poss", "nummod", "appos"):
            return False
        elif c.dep_ == "prep" and c.lower_ == "of":
            return False
    return det


def _expletive(tok: Token) -> bool:
    """ "*It* is unclear", "*it* was a sour end": an "it" that stands for no one."""
    return tok.lower_ == "it" and (tok.dep_ == "expl" or (
        tok.dep_ == "nsubj" and tok.head.lemma_.lower() in COPULAS))


def _before(tok: Token) -> Span:
    """The words of a head's phrase before it, at most `TITLE_WORDS` of them: where a
    title or "Mr" stands ("Prime Minister John *Howard*")."""
    return tok.doc[max(tok.left_edge.i, tok.i - TITLE_WORDS):tok.i]


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def _phrase_span(tok: Token) -> tuple[int, int]:
    """The words of a short noun phrase: from its first modifier to its head."""
    start = min([tok.i, *(c.i for c in tok.lefts)])
    return start, tok.i + 1

