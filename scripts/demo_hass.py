"""Run Home Assistant for the demo without its voice and camera integrations.

Home Assistant sets up a fixed list of default integrations on every start. The voice stack
(conversation, speech-to-text, text-to-speech, wake word, Assist satellites, AI tasks) and
the camera ones need ffmpeg, libturbojpeg and packages that build from source (pymicro-vad,
pyspeex-noise); a miner demo needs none of them, so they are left out here. Everything else
starts as in a stock installation, with the requirements that the project pins in its `run`
dependency group (pyproject.toml; tests/test_demo_requirements.py keeps them complete).

    .venv/bin/python scripts/demo_hass.py -c CONFIG_DIR [hass arguments]
"""

from __future__ import annotations

import sys

from homeassistant import bootstrap

# Default integrations the demo does not set up.
NOT_LOADED = frozenset(
    {
        "ai_task",
        "assist_satellite",
        "conversation",
        "stt",
        "tts",
        "wake_word",
        "camera",
        "image_processing",
    }
)


def main() -> int:
    if stale := NOT_LOADED - bootstrap.DEFAULT_INTEGRATIONS:
        # A Home Assistant update changed the list: say so rather than load what we never pinned.
        sys.exit(f"demo_hass: no longer default integrations: {', '.join(sorted(stale))}")
    bootstrap.DEFAULT_INTEGRATIONS = bootstrap.DEFAULT_INTEGRATIONS - NOT_LOADED

    from homeassistant.__main__ import main as hass_main

    return hass_main()


if __name__ == "__main__":
    sys.exit(main())
