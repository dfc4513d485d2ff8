"""The named parameters of recognition and resolution: every threshold and weight in one place.

They were tuned on the development corpora (GeoWebNews, LGL, the seed and our
own dispatches); each says what evidence it stands for.  Frozen, so every user
of a server reads the same values; pass a modified copy (``dataclasses.replace``)
to experiment.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AcceptRules:
    """When a capitalised name that the gazetteer knows is taken as a place at all."""

    big_city: int = 100_000
    """A settlement this populous (by its main name) counts as well known: it needs no context."""
    very_common_min_pop: int = 300_000
    """A very common English word ("Most", "Man") is a place only this big and with strong context."""
    first_name_max_pop: int = 500_000
    """Below this size a given name alone ("Mary", "Lyman") is taken as a person without strong context."""
    local_min_pop: int = 1_000
    """In a country the article is about, a place by its main name this big is accepted unprompted."""
    weak_context_min_pop: int = 20_000
    """With weak context ("from X", "hit X") a place by its main name this big is accepted anywhere."""
    alone_min_pop: int = 50_000
    """With no context at all a place by its main name this big is accepted anywhere."""
    focus_share: float = 0.2
    """A country is one the article is 'about' when it holds this share of the weighty names."""


@dataclass(frozen=True)
class ScoreWeights:
    """How candidate places of one name are scored against each other (higher wins)."""

    country: float = 9.0
    region_primary: float = 7.0
    region_alternate: float = 2.5
    primary_name: float = 1.5
    """A settlement named by its main name, not an alternate spelling (plus log10 of its population)."""
    region_cue: float = 7.0
    """'governor', 'oblast', 'region' next to the name favour the region reading."""
    region_list: float = 15.0
    """A list ending in "oblasts" or "regions" ("over Mykolaiv, Odesa and Vinnytsia oblasts") or a region's word
    right after the name ("the Odesa regional administration") names the region, the city of Odesa's million
    people notwithstanding: for the uses that say so (see ``resolve._region_worded``), and only those."""
    definite: float = 7.0
    """ "the" before the name ("the Atlantic", "across the tropical Pacific") favours a sea, river or other
    feature over a town of that name: English names of towns take no article."""
    settlement_cue: float = 3.0
    """'town', 'village', 'mayor' next to the name favour settlements (and count against the rest)."""
    focus: float = 3.0
    """Times the candidate's country's share of the article's focus."""
    capital: float = 1.5
    """A national capital among a dateline's namesakes ("WASHINGTON (AP) —" is the capital, not the town near
    St. Louis that the story's other places favour)."""
    same_region: float = 1.5
    """A settlement in a region the article also names."""
    containment: float = 4.0
    """'Place, Region': both readings that nest get this."""
    near_km: tuple[float, ...] = (20.0, 50.0, 150.0, 500.0)
    near_bonus: tuple[float, ...] = (5.0, 3.0, 2.0, 1.0)
    """Lying within ``near_km`` of another place the article names; the first tier lets a village next to
    the places of the story beat a bigger namesake far from them (Bohdanivka near Chasiv Yar)."""
    far_km: float = 100.0
    """A namesake leading from farther than this from every place of the story gives way to one beside them."""
    front_opener_km: float = 30.0
    """A village of the war's theatre opening its sentences counts as a place within this of a sure one."""


ACCEPT = AcceptRules()
WEIGHTS = ScoreWeights()
