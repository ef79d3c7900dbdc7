"""Hypothesis profiles for the property tests.

``ci`` (the default) keeps the folder within about a minute on two cores; ``long``
(``HYPOTHESIS_PROFILE=long``) searches ten times as hard for local runs. Both are
derandomised (a run repeats exactly) and write no example database into the repository.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "database": None,
    "deadline": None,
    "derandomize": True,
    "suppress_health_check": (HealthCheck.too_slow, HealthCheck.data_too_large),
}

settings.register_profile("ci", max_examples=150, **_COMMON)
settings.register_profile("long", max_examples=1500, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
