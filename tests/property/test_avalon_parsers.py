"""The Avalon backend's parsers on generated input: the ``Key[value]`` string above all.

Covered: ``backends/avalon/tokens.py`` (parse_tokens, parse_blocks, numbers, number,
mm_string, hbinfo), ``replies.py`` (estats and every figure read from it, pools, version,
model_from_tokens), ``models.py`` (model_key, find), ``ascset.py`` (info_text, led_state,
scrub) and ``controls.py`` (settings, light_state, check_light_change, ledset_parameter).

Properties: the parsers never raise on whatever a reply holds; a token string written as
the firmware writes it reads back exactly; one cut short anywhere reads back as a part of
the whole, never a half value; the plain-text form's split of ``MM ID0`` at its commas is
undone; what a user sees is sane (finite, non-negative, within its bounds).
"""

from __future__ import annotations

import math
import string
from typing import Any

from hypothesis import assume, example, given
from hypothesis import strategies as st

from custom_components.asic_miner.driver.backends.avalon import ascset, controls, replies
from custom_components.asic_miner.driver.backends.avalon import tokens as tk
from custom_components.asic_miner.driver.backends.avalon.models import TABLE, find, model_key
from custom_components.asic_miner.driver.data import MinerError
from custom_components.asic_miner.driver.errors import MinerCommandError
from custom_components.asic_miner.driver.settings import LightChange
from custom_components.asic_miner.driver.transport import cgminer_text

KEY = st.text(string.ascii_letters + string.digits + "_", min_size=1, max_size=12)
# Value text as the firmware writes it: no brackets of its own, no "=" "|" "\\"; a comma
# only as ", " (SYSTEMSTATU[Work: In Work, Hash Board: 1]).
_PLAIN = st.text(string.ascii_letters + string.digits + " .:%-_'", max_size=20)
VALUE = st.lists(_PLAIN, min_size=1, max_size=3).map(", ".join)
NESTED = st.recursive(
    VALUE,
    lambda inner: st.tuples(VALUE, inner, VALUE).map(
        lambda parts: f"{parts[0]}[{parts[1]}]{parts[2]}"
    ),
    max_leaves=4,
)
PAIRS = st.lists(st.tuples(KEY, NESTED), max_size=12)
REAL = (
    "Ver[Nano3s-25021401_56abae7] LED[0-0] LEDUser[0-100-100-5-0-255] SYSTEMSTATU[Work: In "
    "Work, Hash Board: 1] ITemp[-273] OTemp[65] TMax[95] TAvg[90] TarT[90] Fan1[1520] "
    "FanR[33%] PS[0 0 27541 4 0 3756 133] GHSspd[6598.84] GHSmm[6783.65] GHSavg[6695.18] "
    "MGHS[6695.18] PVT_T0[ 85  91  91  91] SoftOFF[0] ECHU[0] ECMM[0] FACOPTS0[] "
    "ATAOPTS0[--avalon10-freq 240:258:279:300 --hash-asic 160] WORKMODE[2] Nonce Mask[25]"
)


def render(pairs: list[tuple[str, str]]) -> str:
    return " ".join(f"{key}[{value}]" for key, value in pairs)


def first_of(pairs: list[tuple[str, str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, value in pairs:
        found.setdefault(key, value)
    return found


# -- the Key[value] string ---------------------------------------------------------------


@given(PAIRS)
def test_tokens_read_back_as_written(pairs: list[tuple[str, str]]) -> None:
    assert tk.parse_tokens(render(pairs)) == first_of(pairs)


@given(PAIRS, st.data())
@example([("WORKMODE", "1")], None)
def test_a_cut_string_reads_as_a_part_of_the_whole(
    pairs: list[tuple[str, str]], data: st.DataObject | None
) -> None:
    whole_text = render(pairs)
    whole = tk.parse_tokens(whole_text)
    cut = data.draw(st.integers(0, len(whole_text))) if data else len(whole_text) - 1
    part = tk.parse_tokens(whole_text[:cut])
    assert all(whole[key] == value for key, value in part.items())
    if cut < len(whole_text) and pairs:
        # The token the cut falls in is left out, never read half.
        assert len(part) <= len(whole)


@given(st.text(max_size=300))
@example("]]][[[x[")
@example("[a]b[c] Key[]")
@example(REAL[:157])
def test_tokens_of_anything_never_raise(text: str) -> None:
    found = tk.parse_tokens(text)
    for key, value in found.items():
        assert key
        assert set(key) <= set(string.ascii_letters + string.digits + "_")
        assert value.count("[") == value.count("]")


def test_the_real_nano3s_string() -> None:
    found = tk.parse_tokens(REAL)
    assert found["SYSTEMSTATU"] == "Work: In Work, Hash Board: 1"
    assert found["FACOPTS0"] == ""
    assert found["Mask"] == "25"  # "Nonce Mask[25]": the key is the word before the bracket
    assert tk.numbers(found["PVT_T0"]) == [85, 91, 91, 91]
    assert tk.numbers(found["PS"])[6] == 133


@given(st.lists(st.integers(-300, 100_000), max_size=30), st.sampled_from(["%3d ", "%d ", "%d  "]))
def test_lists_read_as_numbers(values: list[int], form: str) -> None:
    written = "".join(form % v for v in values)[:-1]
    assert tk.numbers(written) == [float(v) for v in values]


@given(st.floats(allow_nan=False, allow_infinity=False, width=32), st.booleans())
def test_one_number(value: float, percent: bool) -> None:
    written = f"{value}%" if percent else str(value)
    assert tk.number(written) == float(str(value))


@given(st.text(max_size=40))
@example("nan")
@example("inf")
@example("0x04.00000000")
def test_numbers_of_anything_are_finite(text: str) -> None:
    assert all(math.isfinite(n) for n in tk.numbers(text))
    single = tk.number(text)
    assert single is None or math.isfinite(single)


@given(st.dictionaries(KEY, PAIRS, max_size=4))
def test_blocks_read_back(blocks: dict[str, list[tuple[str, str]]]) -> None:
    written = " ".join(f"'{name}':{{{render(pairs)}}}" for name, pairs in blocks.items())
    read = tk.parse_blocks(written)
    assert {name: tk.parse_tokens(body) for name, body in read.items()} == {
        name: first_of(pairs) for name, pairs in blocks.items()
    }


@given(PAIRS)
def test_the_text_forms_split_at_commas_is_undone(pairs: list[tuple[str, str]]) -> None:
    mm = render(pairs)
    assume("=" not in mm and "|" not in mm and "\\" not in mm and mm == mm.strip())
    # The firmware writes its commas as ", " between words (no space before one).
    parts = mm.split(", ")
    assume(all(part == part.strip() and "," not in part for part in parts))
    # The text parser keeps one of two equal pieces (a dict of names): real strings have
    # one comma (SYSTEMSTATU), so pieces repeat only in generated ones.
    assume(len(set(parts[1:])) == len(parts[1:]))
    raw = f"STATUS=S,When=1,Code=70,Msg=CGMiner stats|STATS=0,ID=AVALON0,MM ID0={mm},MM Count=1|"
    entry = cgminer_text.parse_reply(raw.encode(), "127.0.0.1")["STATS"][0]
    assert tk.mm_string(entry) == mm
    assert tk.parse_tokens(tk.mm_string(entry) or "") == first_of(pairs)


def test_the_q_summary_and_hbinfo_in_json() -> None:
    entry = {
        "STATS": 0,
        "MM ID0:Summary": "'STATS':{Ver[Q-25052801] SYSTEMSTATU[Work: In Idle, Hash Board: 1]}",
        "HBinfo": "'HB0':{PVT_T0[ 58  59] MW0[526 664]} 'HB1':{PVT_T1[1 2]}",
    }
    assert tk.parse_tokens(tk.mm_string(entry) or "") == {
        "Ver": "Q-25052801",
        "SYSTEMSTATU": "Work: In Idle, Hash Board: 1",
    }
    assert tk.hbinfo(entry)["HB0"]["MW0"] == "526 664"
    assert tk.hbinfo(entry)["HB1"] == {"PVT_T1": "1 2"}


# -- figures from the tokens -------------------------------------------------------------

JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
FIGURE_KEYS = st.sampled_from(
    ["GHSspd", "GHSmm", "WALLPOWER", "PS", "ITemp", "Temp", "OTemp", "HBOTemp", "HBITemp",
     "HBTemp", "TMax", "TAvg", "MTmax", "MTavg", "MGHS", "PVT_T0", "PVT_T1", "Fan1", "Fan2",
     "Fan3", "Fan4", "FanR", "SoftOFF", "SYSTEMSTATU", "ECMM", "ECHU", "FanErr", "Elapsed",
     "WORKMODE", "WORKLEVEL", "TarT", "LEDUser", "Led", "MPO", "Ver"]
)  # fmt: skip
FIGURE_VALUE = st.one_of(
    st.lists(st.integers(-300, 10**6).map(str), max_size=4).map(" ".join),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(string.printable.replace("[", "").replace("]", ""), max_size=20),
)


@st.composite
def figures(draw: st.DrawFn) -> replies.Estats:
    values = draw(st.dictionaries(FIGURE_KEYS, FIGURE_VALUE, max_size=20))
    return replies.Estats(values, {}, draw(st.none() | st.integers(0, 10**7)))


def _sane(value: float | None, low: float = 0.0) -> bool:
    return value is None or (math.isfinite(value) and value >= low)


@given(figures(), st.sampled_from([*TABLE, None]), st.dictionaries(st.text(max_size=8), JSONISH))
def test_figures_never_raise_and_stay_sane(
    found: replies.Estats, row: Any, summary: dict[str, Any]
) -> None:
    assert _sane(replies.hashrate(found))
    assert _sane(replies.expected_hashrate(found))
    watts = replies.wattage(found)
    assert watts is None or (math.isfinite(watts) and watts > 0)
    for temp in (replies.env_temp(found), replies.outlet_temp(found)):
        assert temp is None or (math.isfinite(temp) and temp > -273)
    uptime = replies.uptime(found, summary)
    assert uptime is None or uptime >= 0
    boards = replies.hashboards(found, row)
    assert [b.slot for b in boards] == list(range(len(boards)))
    for board in boards:
        assert _sane(board.hashrate)
        assert board.chips is None or board.chips >= 0
    assert all(f.speed is None or f.speed >= 0 for f in replies.fans(found, row))
    percent = replies.fan_percent(found)
    assert percent is None or 0 <= percent <= 100
    assert all(isinstance(e, MinerError) and e.message for e in replies.errors(found))
    assert replies.soft_off(found) in (True, False, None)
    assert all(math.isfinite(v) and v >= 0 for v in replies.hashrate_averages(summary).values())
    settings = controls.settings(row, found, [])
    for choice in settings.choices.values():
        assert choice.current is None or choice.current in choice.options
    light = settings.light
    if light is not None and light.brightness is not None:
        assert 0 <= light.brightness <= 100


@given(JSONISH)
def test_replies_of_any_shape_never_raise(reply: Any) -> None:
    reply = reply if isinstance(reply, dict) else {"STATS": reply, "POOLS": reply, "VERSION": reply}
    found = replies.estats(reply)
    assert found is None or isinstance(found.tokens, dict)
    for pool in replies.pools(reply):
        assert pool.index >= 0
        assert pool.accepted is None or pool.accepted >= 0
    version = replies.version(reply)
    assert version.mac is None or len(version.mac) == 17
    assert replies.when(reply) is None or math.isfinite(replies.when(reply) or 0)


@given(st.text(max_size=40))
@example("15-194-24102401_25462b2_9ddf522")
@example("1246-83-21072802")
def test_model_from_ver_never_raises(ver: str) -> None:
    found = replies.model_from_tokens(replies.Estats({"Ver": ver}, {}, None))
    assert found is None or found


def test_the_ver_token_names_the_model() -> None:
    for ver, row in [
        ("Nano3s-25021401_56abae7", "Nano 3S"),
        ("Mini3-25011701_3f53b19", "Mini 3"),
        ("Q-25052801_14a19a2", "Q"),
        ("15-194-24102401_25462b2_9ddf522", "A1566"),
        ("1246-83-21072802_4ec6bb0_211fc46", "A1246"),
        ("nano3-24071801_42c628d", "Nano 3"),
    ]:
        name = replies.model_from_tokens(replies.Estats({"Ver": ver}, {}, None))
        found = find(name)
        assert found is not None
        assert found.name == row


# -- model names ------------------------------------------------------------------------


@given(st.sampled_from(TABLE), st.sampled_from(["", "Avalon ", "AvalonMiner ", "CANAAN "]),
       st.sampled_from([str.upper, str.lower, str.title, lambda s: s]))  # fmt: skip
def test_every_row_is_found_by_its_spellings(row: Any, prefix: str, case: Any) -> None:
    names = [row.name, *row.aliases]
    for name in names:
        spelled = case(prefix + name) if not name.startswith("Avalon") else case(name)
        found = find(spelled)
        assert found is row, spelled


@given(st.text(max_size=30))
def test_model_keys_of_anything_never_raise(name: str) -> None:
    model_key(name)
    found = find(name)
    assert found is None or found in TABLE


# -- ascset answers ---------------------------------------------------------------------


@given(st.text(max_size=60))
def test_info_text_is_what_follows_set_info(text: str) -> None:
    reply = {"STATUS": [{"STATUS": "I", "Msg": f"ASC 0 set info: {text}"}]}
    assert ascset.info_text(reply) == text.strip()
    ok = {"STATUS": [{"STATUS": "S", "Msg": "ASC 0 set OK"}]}
    assert ascset.info_text(ok) == ""
    assert ascset.info_text({"STATUS": [{"Msg": text}]}) in (
        None,
        "",
        text.partition(": ")[2].strip(),
    )


@given(st.integers(0, 9))
def test_led_state(state: int) -> None:
    reply = {"STATUS": [{"STATUS": "I", "Msg": f"ASC 0 set info: LED[{state}]"}]}
    assert ascset.led_state(reply, "h") is (state != 0)


def test_led_state_without_an_answer() -> None:
    try:
        ascset.led_state({"STATUS": [{"Msg": "ASC 0 set OK"}]}, "h")
    except MinerCommandError:
        return
    raise AssertionError("an LED query without LED[…] must be an error")


@given(st.text(max_size=60), st.lists(st.text(min_size=1, max_size=8), max_size=3))
def test_scrub_leaves_no_secret(text: str, secrets: list[str]) -> None:
    assume(all("*" not in s for s in secrets))
    cleaned = ascset.scrub(text, secrets)
    assert all(secret not in cleaned for secret in secrets if "***" not in secret)


# -- the Nano 3S light ------------------------------------------------------------------

RGB = st.tuples(st.integers(0, 255), st.integers(0, 255), st.integers(0, 255))
CHANGE = st.builds(
    LightChange,
    on=st.none() | st.booleans(),
    brightness=st.none() | st.integers(0, 100),
    rgb=st.none() | RGB,
    effect=st.none() | st.sampled_from(list(controls.LIGHT_EFFECTS)),
)
LEDUSER = st.tuples(st.integers(0, 4), st.integers(0, 100), st.integers(0, 100), RGB).map(
    lambda p: f"{p[0]}-{p[1]}-{p[2]}-{p[3][0]}-{p[3][1]}-{p[3][2]}"
)


@given(CHANGE, st.none() | LEDUSER)
def test_ledset_is_the_change_over_what_shows(change: LightChange, current: str | None) -> None:
    controls.check_light_change(change)
    found = replies.Estats({"LEDUser": current} if current else {}, {}, None)
    before = controls.light_state(found)
    effect, bright, _, red, green, blue = (
        int(v) for v in controls.ledset_parameter(found, change).split("-")
    )
    assert 0 <= effect <= 4
    assert all(0 <= c <= 255 for c in (red, green, blue))
    if change.on is False:
        assert effect == 0
    elif change.on or change.effect:
        assert effect != 0
    elif current and before.on is not None:
        assert (effect != 0) == before.on  # on/off left as it was
    if change.effect and change.on is not False:
        assert effect == controls.LIGHT_EFFECTS[change.effect]
    if change.brightness is not None:
        assert bright == change.brightness
    elif current:
        assert bright == before.brightness
    if change.rgb is not None:
        assert (red, green, blue) == change.rgb
    elif current:
        assert (red, green, blue) == before.rgb


@given(
    st.one_of(st.integers(), st.floats(), st.text(max_size=3), st.none()),
    st.one_of(
        st.tuples(st.integers(), st.integers(), st.integers()), st.none(), st.tuples(st.integers())
    ),
    st.one_of(st.text(max_size=8), st.none()),
)
def test_a_light_change_is_checked(brightness: Any, rgb: Any, effect: Any) -> None:
    change = LightChange(brightness=brightness, rgb=rgb, effect=effect)
    valid = (
        (brightness is None or (isinstance(brightness, int) and 0 <= brightness <= 100))
        and (rgb is None or (len(rgb) == 3 and all(0 <= c <= 255 for c in rgb)))
        and (effect is None or effect in controls.LIGHT_EFFECTS)
    )
    try:
        controls.check_light_change(change)
    except ValueError:
        assert not valid
    else:
        assert valid
