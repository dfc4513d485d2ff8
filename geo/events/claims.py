"""Who says so: attribution, the side a source speaks for, and denials.

A front-line map must never show a claim as a fact.  This module reads a
clause the way a desk editor does: is it the article's own voice, a party's
claim ("Russia's defence ministry said...") or a third party's assessment
("the British Ministry of Defence said...")?  Is it a denial ("This was denied
by...", "nobody has captured...")?
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from frontline_map.geo.lexicon import words

ARTICLE = "article"
SPEECH_VERB = (r"(?:said|says|say|claimed|claims|claim|reported|reports|announced|announces|stated|"
               r"declared|declares|declare|"
               # not ISW's adjective: "did not make confirmed advances", "no confirmed gains"
               r"told(?: reporters| journalists)?|added|insisted|(?<!make )(?<!made )(?<!any )(?<!no )confirmed|"
               r"has confirmed|have confirmed|"
               r"(?:did|has|have|could|would)(?: not|n't) confirm|"
               r"wrote|posted|tweeted|warned|assessed|believes|noted|called)")
_DENY = re.compile(r"\b(?:den(?:ied|ies|y|ying)|rejected|refuted|dismissed)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:no|not|nobody|no one|never|neither|nor|n't)\b|\b\w+n't\b", re.IGNORECASE)
_DENIED_BY = re.compile(r"\b(?:this|that|the claim|the report|it)\s+(?:was|has been|were)\s+"
                        r"(?:denied|rejected|refuted|dismissed)\s+by\s+(?P<src>[^:;.“\"]+)", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording to\s+(?P<src>[^,;.:“\"]+)", re.IGNORECASE)
# "(?![a-z])" and not "\b": copy-editing slips such as "has confirmedRussian forces" still count.
_VERB_AFTER_SOURCE = re.compile(rf"(?<!-)\b{SPEECH_VERB}(?-i:(?![a-z]))", re.IGNORECASE)  # not "so-called"
_CUE_WORDS = words("claims_cue_words")
_LOWER_WORDS = re.compile(r"[a-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def has_attribution_cue(sentence: str) -> bool:
    """Cheap test: does the sentence hold any verb of saying or denying at all?"""
    spaced = _CAMEL.sub(" ", sentence)  # "has confirmedRussian forces" is a slip, not a new word
    return not _CUE_WORDS.isdisjoint(_LOWER_WORDS.findall(spaced.lower()))
_LEADING_NP = re.compile(r"^\W*((?:[\w’'-]+\s+){0,4}?[\w’'-]+)\s+(?:took|take|have|has|had|said|says|claimed|"
                         r"was|were|is|are|captured|seized|announced|reported|denied|continued?|pushed|"
                         r"advanced|launched|hit|struck|shelled)\b")
_TELLS = re.compile(r"\b(?:had|has|have|was|were|is|are|would|will|could|did)\b")
_POSTPOSED = re.compile(rf"[,”\"]\s*{SPEECH_VERB}\s+(?P<src>[A-Z][^,;.:]+(?:,\s*(?:the|a)\s[^,;.:]+)?)")

# Normalised names for sources news cites again and again.
_KNOWN_SOURCES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:british|uk|u\.k\.)\s+(?:ministry of defen[cs]e|defen[cs]e ministry|mod|defen[cs]e intelligence|intelligence)",
                re.I), "UK Ministry of Defence"),
    (re.compile(r"\b(?:russia'?s?|russian)\s+(?:ministry of defen[cs]e|defen[cs]e ministry|mod)", re.I),
     "Russian Ministry of Defence"),
    (re.compile(r"\b(?:ukraine'?s?|ukrainian)\s+(?:ministry of defen[cs]e|defen[cs]e ministry|mod)", re.I),
     "Ukrainian Ministry of Defence"),
    (re.compile(r"\b(?:russia'?s?|russian)\s+(?:chief of the\s+)?general staff", re.I), "Russian General Staff"),
    (re.compile(r"\b(?:ukraine'?s?|ukrainian)?\s*general staff", re.I), "Ukrainian General Staff"),
    (re.compile(r"\binstitute for the study of war|\bISW\b", re.I), "Institute for the Study of War"),
]
_RUSSIAN = re.compile(r"\b(?:russia|russian|russians|moscow|kremlin|wagner|prigozhin|putin|shoigu|kadyrov|"
                      r"chechen|pro-russian|separatist|occupation authorities|dpr|lpr|russian-installed|"
                      r"russian-appointed|kremlin-installed)\b", re.I)
_PRO_UKRAINIAN_RUSSIANS = re.compile(r"\b(?:russian volunteer corps|rdk|freedom of russia legion|legion of free russia|"
                                     r"siberian battalion|pro-ukrainian)\b", re.I)
_OFFICIAL_ROLE = re.compile(r"\b(?:governor|gov(?=\.)|mayor|administration|authorities|officials?|commander|military|army|"
                            r"(?:emergency |operational )?headquarters|"
                            r"general staff|spokes(?:man|woman|person)|brigade|police|emergency service|"
                            r"prosecutors?|defen[cs]e minister|deputy defen[cs]e minister|navy|marines|ministry|"
                            r"state(?:-owned|-run)?\s+(?:\w+\s+)?(?:company|operator|utility|firm))\b", re.I)
# Ukraine's own voices, named without "Ukrainian": its leaders, its operational groups, the DeepState project
_UKRAINIAN = re.compile(r"\b(?:ukraine|ukrainian|ukrainians|kyiv|kiev|zelensky|zelenskyy|zaluzhnyi|syrskyi|"
                        r"haidai|kyrylenko|reznikov|umerov|budanov|deepstate|khortytsia|tavria|"
                        r"southern defen[cs]e forces)\b", re.I)
_NEUTRAL = re.compile(r"\b(?:british|uk|us|u\.s\.|american|nato|un|united nations|isw|institute|analysts?|"
                      r"reporters?|journalists?|news reports|footage|satellite|monitors?|experts?|observers?|"
                      r"red cross|osce|iaea)\b", re.I)
_PRONOUN = re.compile(r"^(?:he|she|it|they|the ministry|the governor|the spokesman|the official|"
                      r"the military|the army|the statement|the (?:monitoring |analytical )?group|the company|"
                      r"the agency|the operator|the channel|the project|the command|the administration|the brigade)$",
                      re.I)
_PASSIVE = re.compile(r"\b(?:was|were|been|is|are|being|be)\s*$", re.I)
_ANAPHORIC_DENIAL = re.compile(r"^\W*(?P<src>[A-Z][\w’'.-]*(?:\s+[\w’'.-]+){0,8}?)\s+(?:has |have |had )?"
                               r"(?:denied|rejected|dismissed|refuted)\s+(?:it|this|that|the claims?|the reports?)\b")


@dataclass(frozen=True)
class Attribution:
    """Who a clause's statement comes from and which side they speak for."""

    source: str
    side: str  # russia | ukraine | other | article
    denial: bool = False


def side_of(text: str) -> str:
    """russia | ukraine | other for a source's words.

    Third parties (UK intelligence, analysts, monitors) are 'other'.  Officials
    named only by role ("the governor", "regional officials") are taken to be
    Ukrainian, as in reporting from Ukraine; occupation officials are Russian.
    """
    if _PRO_UKRAINIAN_RUSSIANS.search(text):
        return "ukraine"  # "the Russian Volunteer Corps": Russian citizens who fight for Ukraine
    if _RUSSIAN.search(text):
        return "russia"
    if _NEUTRAL.search(text):
        return "other"
    if _UKRAINIAN.search(text) or _OFFICIAL_ROLE.search(text):
        return "ukraine"
    return "other"


_DATELINE_HEAD = re.compile(r"^[^()]{0,40}\((?-i:[A-Z])[\w .]{1,24}\)\s*[-—–]+\s*")


def normalise_source(raw: str) -> str:
    """Trim a source phrase and give well-known sources one name."""
    text = re.sub(r"\s+", " ", raw).strip(" ,:;“”\"'")
    text = _DATELINE_HEAD.sub("", text)  # "Dec 26 (Reuters) - Ukraine's air force": the speaker after the dateline
    text = re.split(r",\s*who\b|\s+who\s+said\b", text)[0].strip(" ,")
    text = re.sub(r"\s+(?:has|have|had)$", "", text)
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    for rx, name in _KNOWN_SOURCES:
        if rx.search(text):
            return name
    return text[:120]


# Where a speaker's phrase starts: after a quote or a sentence's end, but not after a title ("Gov. Oleksandr
# Prokudin", "Lt. Gen. Kyrylo Budanov" keep their titles, which say whom they speak for)
_CLAUSE_END = re.compile(r"[“”\"]|(?<=[a-z])(?<!\bGov)(?<!\bGen)(?<!\bCol)(?<!\bLt)(?<!\bMaj)(?<!\bSgt)(?<!\bSen)"
                         r"(?<!\bRep)(?<!\bMr)(?<!\bMs)(?<!\bDr)[.;:]\s")
# "Ihor Terekhov" or "Oleksandr Syrskyi" before ", the commander": a name, not "…Izmail on the Danube River"
_PERSON_NAME = re.compile(r"(?:[A-Z][\w’'.-]+\s+){1,3}[A-Z][\w’'.-]+")


# a past tense in what would be an appositive makes it a clause: "A Russian missile attack on Odesa killed three
# people, Governor Oleh Kiper said" ("the Russian-installed leader" is still a title)
_VERB_ED = re.compile(r"(?<![-\w])[a-z]+ed\b")


def _subject_before(clause: str, verb_start: int) -> str:
    """The noun phrase that says: the words before the verb, after the last comma or quote.

    "..., the regional administration said" -> "the regional administration";
    "Prigozhin, who leads the Wagner group, said" -> "Prigozhin";
    "Ihor Terekhov, the mayor of Kharkiv, said" keeps its appositive.
    """
    prefix = clause[:verb_start].rstrip(" ,")
    if _PASSIVE.search(prefix):
        return ""  # "shelling was reported": no speaker
    prefix = re.sub(r",\s*who\b[^,]*,?$", "", prefix).rstrip(" ,")
    prefix = _CLAUSE_END.split(prefix)[-1]
    parts = [p.strip() for p in prefix.split(",")]
    subject = parts[-1]
    if len(parts) > 1 and re.match(r"(?:the|a|an)\s", subject) and _PERSON_NAME.fullmatch(parts[-2]):
        subject = f"{parts[-2]}, {subject}"  # name + appositive
    elif len(parts) > 1 and re.match(r"(?:the|a|an)\s", parts[-2], re.I) and len(parts[-2].split()) <= 10 \
            and not _VERB_ED.search(parts[-2]) and re.fullmatch(r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3}", subject):
        subject = f"{subject}, {parts[-2][0].lower()}{parts[-2][1:]}"  # "The Russian-backed leader, Denis Pushilin"
    subject = re.split(r"\s+(?:but|while|as|and|that)\s+(?=[A-Z]|the\s)", subject)[-1]
    if re.search(r"\b(?:said|says)\b", subject) or len(subject.split()) > 16:
        return ""
    return re.sub(r"^(?:but|and|so|then)\s+", "", subject).strip(" ,")


def _elided_subject(subject: str) -> bool:
    """ "...and have also said": the subject is the sentence's own."""
    return bool(re.match(r"^(?:and|but|or)?\s*(?:have|has|had|also|they|then)\b", subject, re.I)) or not subject


def find_attribution(clause: str, sentence: str, *, previous: Attribution | None = None,
                     offset: int = 0) -> Attribution:
    """Attribution of one clause; the sentence counts only where it governs the clause.

    ``offset`` is where the clause starts inside ``sentence``: a speech verb
    before it ("Officials said that...") or a postposed one (", officials said.")
    governs the clause; one inside another clause does not.
    """
    if not has_attribution_cue(sentence):
        return Attribution(ARTICLE, ARTICLE, False)  # most sentences: the article's own voice
    m = _DENIED_BY.search(clause) or _DENIED_BY.search(sentence)
    if m:
        src = normalise_source(m.group("src"))
        return Attribution(src, side_of(src), denial=True)
    denial = bool(_DENY.search(clause))
    candidates = [(clause, True), (sentence[:offset], False), (sentence[offset + len(clause):], False)]
    for text, own in candidates:
        m = _ACCORDING.search(text)
        if m:
            return _named(normalise_source(m.group("src")), previous, denial)
        m = _POSTPOSED.search(text)
        if m and not _TELLS.search(m.group("src")):  # ", said Oleg Synegubov", not "…, said Russian shelling had killed…"
            return _named(normalise_source(m.group("src")), previous, denial)
        for v in _VERB_AFTER_SOURCE.finditer(text):
            subject = _subject_before(text, v.start())
            if _elided_subject(subject) and own:
                lead = _LEADING_NP.match(sentence)
                subject = lead.group(1) if lead else ""
            if not subject or _elided_subject(subject):
                continue
            if _PRONOUN.match(subject) and previous is not None:
                return Attribution(previous.source, previous.side, denial)
            if previous is not None and re.match(r"(?:its|his|her|their)\s", subject, re.I):
                subject = f"{previous.source}'s {subject.split(' ', 1)[1]}"  # "Its deputy minister"
            src = normalise_source(subject)
            if src:
                return _named(src, previous, denial)
    return Attribution(ARTICLE, ARTICLE, denial)


def _named(src: str, previous: Attribution | None, denial: bool) -> Attribution:
    """A speaker named again in short is the one named in full before: "Artiukh said" after "Governor Volodymyr
    Artiukh reported", "according to him"."""
    if previous is not None and previous.source != ARTICLE and (
            src.lower() in ("him", "her", "them", "it")
            or (" " not in src and src in previous.source  # (the cheap test first: this runs for every speaker)
                and re.search(rf"[A-Z][\w'’-]+\s+{re.escape(src)}\b", previous.source) is not None)):
        return Attribution(previous.source, previous.side, denial)
    return Attribution(src, side_of(src), denial)


# "This was reported on Telegram by the head of the district administration.": the sentence before is his
_REPORTED_BY = re.compile(r"^\W*(?:this|that|it)\s+(?:was|has been)\s+(?:reported|announced|stated|said|confirmed|"
                          r"posted)\b[^.;]*?\bby\s+(?P<src>[^,;.:“\"]+)", re.IGNORECASE)


# "Head of the Chernihiv Regional Military Administration Viacheslav Chaus reported this on Telegram"
_SAID_THIS = re.compile(r"^\W*(?P<src>(?-i:[A-Z])[^.;:“\"]{2,120}?)\s+(?:reported|said|stated|announced|wrote|posted)\s+"
                        r"(?:this|it)\b(?:\s+(?:on|in|via)\s+\w+)?\s*[,.]", re.IGNORECASE)


def reported_by(sentence: str) -> Attribution | None:
    """The source a sentence names for what the sentence before it told, if that is all it does."""
    m = _REPORTED_BY.match(sentence) or _SAID_THIS.match(sentence)
    if not m:
        return None
    src = normalise_source(m.group("src"))
    return Attribution(src, side_of(src))


_DENY_VERB = r"(?:denied|rejected|dismissed|refuted|disputed)"
_WHO = r"(?:the\s+)?(?-i:[A-Z])[\w’'.-]*(?:\s+[\w’'.-]+){0,5}?"
# "…captured Bilohorivka, a claim Kyiv denied." / ", which Ukraine denied" / "; Kyiv denied it."
_TAIL_DENIAL = re.compile(rf"(?:,|;|—|–)\s*(?:a\s+claim\s+(?:that\s+)?|which\s+|but\s+|and\s+)?(?P<src>{_WHO})\s+"
                          rf"(?:(?:has|have|had|quickly|swiftly|later|promptly)\s+){{0,2}}{_DENY_VERB}"
                          r"(?:\s+(?:it|this|that|the\s+claims?|the\s+reports?))?\s*[.!]?[”\"]?\s*$", re.IGNORECASE)
# "…at the Morozovsk airfield had been destroyed; Russian officials denied that the airfield had been hit."
_CLAUSE_DENIAL = re.compile(rf";\s*(?P<src>{_WHO})\s+(?:(?:has|have|had)\s+)?{_DENY_VERB}\s+that\b[^;]*$", re.IGNORECASE)
# "Kyiv denied Russian claims that its forces had captured…" / "Officials dismissed Moscow's claim to have seized…"
_LEAD_DENIAL = re.compile(rf"^\W*(?P<src>{_WHO})\s+(?:(?:has|have|had)\s+)?{_DENY_VERB}\s+"
                          r"(?P<claimant>(?:the\s+)?[\w’'.-]+(?:\s+[\w’'.-]+){0,3}?)(?:’s|'s)?\s+"
                          r"claims?\s+(?:that|to\s+have|of)\b", re.IGNORECASE)


@dataclass(frozen=True)
class InlineDenial:
    """A claim and its denial in one sentence: who denies, who claims (when the sentence says), and
    where in the sentence the claim is told (``start``-``end``)."""

    denier: str
    claimant: str | None
    start: int
    end: int


def inline_denial(sentence: str) -> InlineDenial | None:
    """The claim a sentence tells together with its denial, the way a desk editor reads
    "Moscow claimed the capture of Bilohorivka, a claim Kyiv denied": claimed by Moscow, denied by Kyiv."""
    m = _LEAD_DENIAL.match(sentence)
    if m:
        claimant = re.sub(r"(?:’s|'s)$", "", m.group("claimant"))
        claimant = {"russian": "Russia", "ukrainian": "Ukraine"}.get(claimant.lower(), claimant)  # "Russian claims"
        return InlineDenial(normalise_source(m.group("src")), normalise_source(claimant), m.end(),
                            len(sentence))
    m = _TAIL_DENIAL.search(sentence) or _CLAUSE_DENIAL.search(sentence)
    if m and m.start() > 0:
        return InlineDenial(normalise_source(m.group("src")), None, 0, m.start())
    return None


def anaphoric_denial(sentence: str) -> str | None:
    """ "Ukraine denied it." or "This was denied by X.": a denial of what the sentence before told."""
    m = _ANAPHORIC_DENIAL.match(sentence) or _DENIED_BY.match(sentence.strip())
    return normalise_source(m.group("src")) if m else None


# "A Ukrainian brigade spokesperson stated that Ukrainian forces still hold positions in the village": the capture
# told just before is denied, though nobody says "denied"
_STILL_HOLDING = re.compile(r"^\W*(?P<src>[A-Z][\w’'.-]*(?:\s+[\w’'.-]+){0,8}?)\s+(?:said|says|stated|insisted|added)\s+"
                            r"(?:that\s+)?(?:(?:Ukrainian|Russian|its|their|his|her|our)\s+)?(?:forces|troops|units|soldiers|"
                            r"defenders)\s+(?:were\s+|are\s+)?(?:still|continued?\s+to)\s+(?:hold|holding|control|controlling)\b")


def holding_denial(sentence: str) -> str | None:
    """The speaker of "… said its forces still hold positions there", which denies a capture just claimed."""
    m = _STILL_HOLDING.match(sentence)
    return normalise_source(m.group("src")) if m else None


def is_negated(text: str) -> bool:
    """A negation right before a trigger: "nobody has captured", "did not take"."""
    return bool(_NEGATION.search(text))
