"""Strings for the notices about values read from a shared link."""

STRINGS = {
    "url.clamped": {
        "en": "The link set {name} = {raw}, which is out of range: using {value} instead.",
        "zh": "链接中的 {name} = {raw} 超出范围：已改用 {value}。",
    },
    "url.ignored": {
        "en": "The link set {name} = {raw}, which is not a valid value: ignored, using {value}.",
        "zh": "链接中的 {name} = {raw} 不是有效值：已忽略，改用 {value}。",
    },
}
