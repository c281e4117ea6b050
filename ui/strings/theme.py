"""Strings for projector mode."""

STRINGS = {
    "theme.projector": {"en": "Projector mode", "zh": "投影模式"},
    "theme.projector_help": {
        "en": "Larger type, thicker lines and bigger points, for a lecture hall.",
        "zh": "更大的字体、更粗的线条和更大的点，适合在教室投影。",
    },
    "theme.more_controls": {"en": "More controls", "zh": "更多控制项"},
}
