"""Draw the brand images in custom_components/asic_miner/brand/ (run: .venv/bin/python ...).

The mark: an ASIC chip (a dark package with pins on four sides) with a bitcoin-orange die
carrying a lightning bolt. Drawn at 4x and scaled down for smooth edges; transparent
background, trimmed to the drawing. Needs Pillow (Home Assistant's dependency, in .venv)
and the DejaVu Sans fonts (fonts-dejavu-core) for the wordmark.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parents[1] / "custom_components" / "asic_miner" / "brand"
FONTS = Path("/usr/share/fonts/truetype/dejavu")

ORANGE = (247, 147, 26, 255)  # bitcoin orange
ORANGE_DARK = (214, 118, 8, 255)
WHITE = (255, 255, 255, 255)
PIN = (148, 160, 172, 255)
BODY = (38, 47, 58, 255)
BODY_RIM = (62, 74, 88, 255)
BODY_DARK_THEME = (52, 63, 77, 255)
BODY_RIM_DARK_THEME = (120, 136, 152, 255)
TEXT = (31, 41, 51, 255)
TEXT_DARK_THEME = (236, 239, 241, 255)

SIZE = 1024  # drawing canvas of the mark (4x of 256)


def mark(*, dark: bool = False) -> Image.Image:
    """The chip mark on a transparent square canvas of SIZE px, trimmed."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    body_fill, rim = (BODY_DARK_THEME, BODY_RIM_DARK_THEME) if dark else (BODY, BODY_RIM)

    # Pins: five per side, from the package edge out to the canvas edge.
    body_lo, body_hi = 150, SIZE - 150
    pins, pin_w = 5, 62
    span = body_hi - body_lo - 2 * 70
    step = span / (pins - 1)
    for i in range(pins):
        center = body_lo + 70 + i * step
        a, b = center - pin_w / 2, center + pin_w / 2
        for box in (
            (a, 24, b, body_lo + 40),  # top
            (a, body_hi - 40, b, SIZE - 24),  # bottom
            (24, a, body_lo + 40, b),  # left
            (body_hi - 40, a, SIZE - 24, b),  # right
        ):
            draw.rounded_rectangle(box, radius=22, fill=PIN)

    # Package: a rounded square with a rim, and the pin-1 dot.
    draw.rounded_rectangle((body_lo, body_lo, body_hi, body_hi), radius=96, fill=rim)
    inset = 18
    draw.rounded_rectangle(
        (body_lo + inset, body_lo + inset, body_hi - inset, body_hi - inset),
        radius=96 - inset,
        fill=body_fill,
    )
    draw.ellipse((body_lo + 62, body_lo + 62, body_lo + 112, body_lo + 112), fill=rim)

    # Die: orange rounded square with a darker edge.
    die_lo, die_hi = 282, SIZE - 282
    draw.rounded_rectangle((die_lo, die_lo, die_hi, die_hi), radius=64, fill=ORANGE_DARK)
    draw.rounded_rectangle(
        (die_lo + 12, die_lo + 12, die_hi - 12, die_hi - 12), radius=54, fill=ORANGE
    )

    # Lightning bolt, centred on the die.
    c = SIZE / 2
    bolt = [
        (c + 58, c - 215),
        (c - 135, c + 40),
        (c - 12, c + 40),
        (c - 58, c + 215),
        (c + 135, c - 40),
        (c + 12, c - 40),
    ]
    draw.polygon(bolt, fill=WHITE)
    return image.crop(image.getbbox())


def icon(size: int, *, dark: bool = False) -> Image.Image:
    drawn = mark(dark=dark)
    side = max(drawn.size)
    square = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    square.paste(drawn, ((side - drawn.width) // 2, (side - drawn.height) // 2))
    return square.resize((size, size), Image.Resampling.LANCZOS)


def logo(height: int, *, dark: bool = False) -> Image.Image:
    """The mark and the wordmark "ASIC Miner", side by side, ``height`` px high."""
    scale = 4
    h = height * scale
    chip = icon(h, dark=dark)
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), int(h * 0.46))
    regular = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), int(h * 0.46))
    colour = TEXT_DARK_THEME if dark else TEXT
    gap = int(h * 0.22)
    probe = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
    first, second = "ASIC", " Miner"
    w_first = probe.textlength(first, font=bold)
    w_second = probe.textlength(second, font=regular)
    width = int(h + gap + w_first + w_second + h * 0.05)
    image = Image.new("RGBA", (width, h), (0, 0, 0, 0))
    image.paste(chip, (0, 0), chip)
    draw = ImageDraw.Draw(image)
    x, y = h + gap, h / 2
    draw.text((x, y), first, font=bold, fill=colour, anchor="lm")
    draw.text((x + w_first, y), second, font=regular, fill=colour, anchor="lm")
    trimmed = image.crop(image.getbbox())
    target_w = round(trimmed.width * height / trimmed.height)
    return trimmed.resize((target_w, height), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for dark, prefix in ((False, ""), (True, "dark_")):
        icon(256, dark=dark).save(OUT / f"{prefix}icon.png", optimize=True)
        icon(512, dark=dark).save(OUT / f"{prefix}icon@2x.png", optimize=True)
        logo(128, dark=dark).save(OUT / f"{prefix}logo.png", optimize=True)
        logo(256, dark=dark).save(OUT / f"{prefix}logo@2x.png", optimize=True)
    for path in sorted(OUT.glob("*.png")):
        with Image.open(path) as image:
            print(f"{path.name}: {image.size[0]}x{image.size[1]}")


if __name__ == "__main__":
    main()
