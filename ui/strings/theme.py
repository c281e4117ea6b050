"""Strings for projector mode, and for the words Streamlit itself writes on a file uploader."""

STRINGS = {
    "theme.projector": {"en": "Projector mode", "zh": "投影模式"},
    "theme.projector_help": {
        "en": "Larger type, thicker lines and bigger points, for a lecture hall.",
        "zh": "更大的字体、更粗的线条和更大的点，适合在教室投影。",
    },
    "theme.more_controls": {"en": "More controls", "zh": "更多控制项"},
    # Streamlit writes these in English whatever the page's language; a style puts them in the learner's.
    "theme.upload_button": {"en": "Upload", "zh": "上传"},
    "theme.upload_limit": {"en": "{mb} MB per file", "zh": "每个文件不超过 {mb} MB"},
}
