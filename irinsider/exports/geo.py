"""Country codes the interchange formats share: PLOVER and GDELT name countries by ISO
3166-1 alpha-2, irinsider by alpha-3.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["alpha2"]


@lru_cache(maxsize=512)
def alpha2(alpha3: str) -> str | None:
    """ISO 3166-1 alpha-2 of an alpha-3 code (XK for Kosovo); None if unknown."""
    if alpha3 == "XKX":
        return "XK"
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3)
    return country.alpha_2 if country is not None else None
