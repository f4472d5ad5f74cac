"""What an event says, as a plain English clause written from what its code means.

    claim(row)                     -> "Russia agreed to lend Cuba $50 million"
    claim(row, reverse=other_row)  -> "Vladimir Putin and Miguel Díaz-Canel held talks"
    past("lend")                   -> "lent"

A clause is made of the event's two sides (as `names.actor_name` names them) and the
phrase of its CAMEO code: the most specific of its four, three or two first digits in
`PHRASES`, written in the base form ("criticise {t}") and put in the past, or behind
the event's modality ("might criticise {t}", "was set to criticise {t}"). A code that
two sides do together ("held talks") has a phrase for both in `TOGETHER`. Amounts of
money are said where the code gives or promises something ("worth $5 million");
counts of things are left to the cited sentence.
"""

from __future__ import annotations

import re
from typing import Any

from .entities import loan_from_event
from .explain import is_loan
from .names import actor_name, format_quantity, the

__all__ = ["PHRASES", "TOGETHER", "claim", "past", "phrase_of"]

# The base form of what the source does to the target ({t}), by CAMEO code.
PHRASES: dict[str, str] = {
    "01": "make a statement about {t}", "010": "make a statement about {t}",
    "011": "decline to comment on {t}", "012": "speak pessimistically about {t}",
    "013": "speak optimistically about {t}", "014": "consider a policy option on {t}",
    "015": "claim responsibility towards {t}", "016": "deny responsibility towards {t}",
    "017": "make a symbolic gesture towards {t}", "018": "express sympathy with {t}",
    "019": "express agreement with {t}",
    "02": "appeal to {t}", "020": "appeal to {t}",
    "021": "ask {t} for material cooperation", "0211": "ask {t} for economic cooperation",
    "0212": "ask {t} for military cooperation", "0213": "ask {t} for judicial cooperation",
    "0214": "ask {t} for intelligence", "022": "ask {t} for diplomatic support",
    "023": "ask {t} for aid", "0231": "ask {t} for economic aid",
    "0232": "ask {t} for military aid", "0233": "ask {t} for humanitarian aid",
    "0234": "ask {t} for military protection", "024": "ask {t} for political reform",
    "0241": "call on {t} to change its leaders", "0242": "call on {t} to change its policy",
    "0243": "ask {t} for rights", "0244": "call on {t} to change its institutions",
    "025": "call on {t} to yield", "0251": "ask {t} to ease sanctions",
    "0252": "ask {t} to ease its crackdown on dissent",
    "0253": "ask {t} to release people or property",
    "0254": "ask {t} to ease economic sanctions",
    "0255": "ask {t} to allow international involvement",
    "0256": "call on {t} to de-escalate fighting", "026": "call on {t} to meet or negotiate",
    "027": "call on {t} to settle a dispute", "028": "ask {t} to accept mediation",
    "03": "promise to cooperate with {t}", "030": "promise to cooperate with {t}",
    "031": "promise material cooperation to {t}",
    "0311": "promise economic cooperation to {t}",
    "0312": "promise military cooperation to {t}",
    "0313": "promise judicial cooperation to {t}",
    "0314": "promise to share intelligence with {t}",
    "032": "promise diplomatic support to {t}", "033": "promise aid to {t}",
    "0331": "promise economic aid to {t}", "0332": "promise military aid to {t}",
    "0333": "promise humanitarian aid to {t}", "0334": "promise military protection to {t}",
    "034": "promise {t} political reform", "0341": "promise {t} a change of leaders",
    "0342": "promise {t} a change of policy", "0343": "promise {t} rights",
    "0344": "promise {t} a change of institutions", "035": "promise to yield to {t}",
    "0351": "promise to ease sanctions on {t}", "0352": "promise {t} to ease a crackdown",
    "0353": "promise to release people or property to {t}",
    "0354": "promise to ease economic sanctions on {t}",
    "0355": "promise {t} to allow international involvement",
    "0356": "promise {t} to de-escalate fighting", "036": "offer to meet {t}",
    "037": "offer to settle a dispute with {t}", "038": "agree to mediation with {t}",
    "039": "offer to mediate for {t}",
    "04": "consult {t}", "040": "meet {t}", "041": "speak to {t} by telephone",
    "042": "visit {t}", "043": "host {t}", "044": "meet {t} in a third country",
    "045": "mediate for {t}", "046": "negotiate with {t}",
    "05": "cooperate diplomatically with {t}", "050": "cooperate diplomatically with {t}",
    "051": "praise {t}", "052": "defend {t}", "053": "rally support for {t}",
    "054": "recognise {t}", "055": "apologise to {t}", "056": "forgive {t}",
    "057": "sign an agreement with {t}",
    "06": "cooperate with {t}", "060": "cooperate with {t}",
    "061": "cooperate economically with {t}", "062": "cooperate militarily with {t}",
    "063": "cooperate with {t} on judicial matters", "064": "share intelligence with {t}",
    "07": "give aid to {t}", "070": "give aid to {t}", "071": "give economic aid to {t}",
    "072": "give military aid to {t}", "073": "give humanitarian aid to {t}",
    "074": "protect {t} militarily", "075": "grant asylum to {t}",
    "08": "yield to {t}", "080": "yield to {t}", "081": "ease restrictions on {t}",
    "0811": "ease restrictions on the political freedoms of {t}",
    "0812": "lift a ban on parties of {t}", "0813": "lift a curfew on {t}",
    "0814": "lift a state of emergency on {t}", "082": "ease a crackdown on {t}",
    "083": "give way to demands of {t} for reform",
    "0831": "give way to demands of {t} for new leaders",
    "0832": "give way to demands of {t} for a change of policy",
    "0833": "give way to demands of {t} for rights",
    "0834": "give way to demands of {t} for new institutions",
    "084": "return people or property to {t}", "085": "ease economic sanctions on {t}",
    "086": "allow international involvement by {t}", "0861": "accept peacekeepers from {t}",
    "0862": "accept inspectors from {t}", "0863": "allow humanitarian access to {t}",
    "087": "de-escalate fighting with {t}",
    "09": "investigate {t}", "090": "investigate {t}",
    "10": "make demands of {t}", "100": "make demands of {t}",
    "101": "demand material cooperation from {t}", "102": "demand diplomatic support from {t}",
    "103": "demand aid from {t}", "104": "demand political reform from {t}",
    "105": "demand that {t} yield", "106": "demand that {t} meet or negotiate",
    "107": "demand that {t} settle a dispute", "108": "demand mediation from {t}",
    "11": "criticise {t}", "110": "criticise {t}", "111": "denounce {t}", "112": "accuse {t}",
    "1121": "accuse {t} of crime or corruption", "1122": "accuse {t} of human rights abuses",
    "1123": "accuse {t} of aggression", "1124": "accuse {t} of war crimes",
    "1125": "accuse {t} of espionage", "113": "rally opposition against {t}",
    "114": "complain officially about {t}", "115": "sue {t}", "116": "find {t} guilty",
    "12": "reject {t}", "120": "reject {t}", "121": "reject cooperation with {t}",
    "1211": "reject economic cooperation with {t}",
    "1212": "reject military cooperation with {t}", "122": "turn down a request of {t} for aid",
    "123": "turn down demands of {t} for reform", "124": "refuse to yield to {t}",
    "1241": "refuse to ease sanctions on {t}",
    "1243": "refuse to release people or property to {t}",
    "1244": "refuse to ease economic sanctions on {t}",
    "1246": "refuse to de-escalate fighting with {t}",
    "125": "reject a proposal of {t} to meet", "126": "reject mediation by {t}",
    "127": "reject a plan of {t}", "128": "defy {t}", "129": "veto a proposal of {t}",
    "13": "threaten {t}", "130": "threaten {t}", "131": "threaten {t} with measures short "
    "of force", "1311": "threaten to cut aid to {t}", "1312": "threaten {t} with sanctions",
    "1313": "threaten to cut ties with {t}", "132": "threaten {t} with sanctions",
    "134": "threaten to halt talks with {t}", "137": "threaten {t} with repression",
    "138": "threaten {t} with military force", "1381": "threaten to blockade {t}",
    "1382": "threaten to occupy {t}", "1384": "threaten to attack {t}",
    "1385": "threaten {t} with weapons of mass destruction", "139": "give {t} an ultimatum",
    "14": "protest against {t}", "140": "protest against {t}",
    "141": "demonstrate against {t}", "142": "go on hunger strike against {t}",
    "143": "boycott {t}", "144": "block the way of {t}",
    "145": "protest violently against {t}",
    "15": "show force towards {t}", "150": "show military or police power towards {t}",
    "151": "raise the police alert against {t}", "152": "raise the military alert against {t}",
    "153": "mobilise police against {t}", "154": "mobilise armed forces against {t}",
    "16": "reduce relations with {t}", "160": "reduce relations with {t}",
    "161": "downgrade diplomatic relations with {t}", "162": "cut aid to {t}",
    "1621": "cut economic aid to {t}", "1622": "cut military aid to {t}",
    "1623": "cut humanitarian aid to {t}", "163": "impose an embargo on {t}",
    "164": "break off talks with {t}", "165": "halt mediation with {t}",
    "166": "expel or withdraw from {t}",
    "17": "coerce {t}", "170": "coerce {t}", "171": "seize or damage property of {t}",
    "1711": "confiscate property of {t}", "1712": "destroy property of {t}",
    "172": "impose sanctions on {t}", "1721": "restrict the political freedoms of {t}",
    "1722": "ban parties or politicians of {t}", "1723": "impose a curfew on {t}",
    "1724": "impose a state of emergency on {t}", "173": "arrest people of {t}",
    "174": "expel people of {t}", "175": "violently repress {t}",
    "18": "attack {t}", "180": "use violence against {t}", "181": "abduct people of {t}",
    "182": "assault {t}", "1821": "sexually assault people of {t}", "1822": "torture {t}",
    "1823": "kill people of {t}", "183": "carry out a bombing against {t}",
    "184": "use {t} as human shields", "185": "try to assassinate {t}",
    "186": "assassinate {t}",
    "19": "fight {t}", "190": "use military force against {t}", "191": "blockade {t}",
    "192": "occupy territory of {t}", "193": "fight {t} with small arms",
    "194": "fight {t} with artillery and tanks", "195": "strike {t} from the air",
    "196": "break a ceasefire with {t}",
    "20": "use mass violence against {t}", "200": "use mass violence against {t}",
    "201": "expel {t} en masse", "202": "kill {t} en masse",
    "203": "carry out ethnic cleansing against {t}",
    "204": "use weapons of mass destruction against {t}",
}

# What two sides did together, when each did it to the other.
TOGETHER: dict[str, str] = {
    "04": "consulted each other", "040": "met", "041": "spoke by telephone",
    "044": "met in a third country", "046": "held talks", "036": "offered to meet",
    "03": "promised to cooperate", "030": "promised to cooperate",
    "05": "cooperated diplomatically", "050": "cooperated diplomatically",
    "057": "signed an agreement", "06": "cooperated", "060": "cooperated",
    "061": "cooperated economically", "062": "cooperated militarily",
    "063": "cooperated on judicial matters", "064": "shared intelligence",
    "11": "criticised each other", "110": "criticised each other",
    "111": "denounced each other", "112": "accused each other",
    "13": "threatened each other", "130": "threatened each other",
    "19": "fought", "190": "fought", "193": "fought with small arms",
    "194": "fought with artillery and tanks", "196": "broke a ceasefire",
}

_IRREGULAR = {
    "break": "broke", "bring": "brought", "buy": "bought", "cut": "cut", "fight": "fought",
    "find": "found", "forgive": "forgave", "give": "gave", "go": "went", "hold": "held",
    "lend": "lent", "make": "made", "meet": "met", "put": "put", "say": "said",
    "sell": "sold", "set": "set", "speak": "spoke", "strike": "struck", "sue": "sued",
    "take": "took", "withdraw": "withdrew", "be": "was", "seek": "sought", "send": "sent",
    "lead": "led", "shoot": "shot", "win": "won", "lose": "lost", "pay": "paid",
    "expel": "expelled", "ban": "banned", "stop": "stopped", "plan": "planned",
    "veto": "vetoed", "agree": "agreed", "free": "freed", "defy": "defied",
    "occupy": "occupied", "rally": "rallied", "deny": "denied", "carry": "carried",
    "try": "tried", "or": "or",
}
_MODALITY = {
    "possible": "might {v}", "future": "was set to {v}", "conditional": "would {v}",
    "advised": "was urged to {v}", "obligated": "had to {v}",
}
# Codes whose claim names an amount of money: promises, cooperation, aid, concessions,
# aid cut.
_MONEY_CODES = ("03", "06", "07", "08", "162")


def past(verb: str) -> str:
    """The simple past of an English verb: "criticise" -> "criticised", "lend" -> "lent"."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb]
    if verb.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ied"
    return verb + "ed"


def _past_phrase(phrase: str) -> str:
    """A base-form phrase in the past: "give aid to {t}" -> "gave aid to {t}", "strike or
    boycott against {t}" -> "struck or boycotted against {t}"."""
    words = phrase.split(" ")
    words[0] = past(words[0])
    if len(words) > 2 and words[1] == "or":
        words[2] = past(words[2])
    return " ".join(words)


def phrase_of(cameo: str) -> str:
    """The base-form phrase of the most specific code of `cameo` in `PHRASES`."""
    for key in (cameo[:4], cameo[:3], cameo[:2]):
        if key in PHRASES:
            return PHRASES[key]
    return "act towards {t}"


def _fill(phrase: str, target: str | None) -> str:
    """The phrase with its target, or without it ("appeal to {t}" -> "appeal")."""
    if target is not None:
        return phrase.replace("{t}", target)
    short = re.sub(r"\s+(?:to|with|on|of|about|against|towards|for|from|by)\s+\{t\}$", "",
                   phrase)
    short = re.sub(r"\s*\{t\}$", "", short)
    return short.replace("{t}", "others").replace(" of others", "")


def _amount(row: dict[str, Any]) -> str | None:
    money = [q for q in row.get("quantities") or () if q["kind"] in ("money", "range")]
    return format_quantity(money[0]) if money else None


def _verb(phrase: str, modality: str | None) -> str:
    if modality in _MODALITY:
        return _MODALITY[modality].format(v=phrase)
    return _past_phrase(phrase)


def claim(row: dict[str, Any], reverse: dict[str, Any] | None = None) -> str:
    """The event of `row` as a clause (no capital, no full stop); with `reverse`, the
    same event the other way, both sides as its subject where the code allows it."""
    source = the(actor_name(row, "source") or "someone")
    target_name = actor_name(row, "target")
    target = the(target_name) if target_name else None
    cameo = str(row["cameo"])
    modality = row.get("modality")
    if modality == "future" and cameo.startswith("03"):
        modality = None  # a promise speaks of the future already
    if reverse is not None and target is not None and modality not in _MODALITY:
        together = next((TOGETHER[k] for k in (cameo[:4], cameo[:3], cameo[:2])
                         if k in TOGETHER), None)
        if together is not None:
            return f"{source} and {target} {together}"
    amount = _amount(row)
    if is_loan(row) and amount and target is not None:
        promised = cameo.startswith("03") or modality == "future"
        loan = loan_from_event(row)
        kind = loan.name[len(amount):].split(" loan ")[0].strip() if loan else ""
        purpose = f" for {kind} purposes" if kind else ""
        verb = "agreed to lend" if promised else "lent"
        if modality in _MODALITY and modality != "future":
            verb = _MODALITY[modality].format(v="lend")
        text = f"{source} {verb} {target} {amount}{purpose}"
    else:
        phrase = phrase_of(cameo)
        if amount and cameo.startswith(_MONEY_CODES):  # "gave aid worth $5 million to {t}"
            phrase, n = re.subn(r"(\s+(?:to|from|on|with)\s+\{t\})$",
                                lambda m: f" worth {amount}{m[1]}", phrase)
            phrase += "" if n else f" worth {amount}"
        text = f"{source} {_verb(_fill(phrase, target), modality)}"
    if reverse is not None and target is not None:
        text += ", and the other way round"
    return text
