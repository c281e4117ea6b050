"""Per-page string tables, merged into the one catalog of ui.i18n.

Each module here defines STRINGS = {key: {"en": ..., "zh": ...}}; keys start with the module's own prefix.
"""
import importlib
import pkgutil


def load_all_strings() -> dict[str, dict[str, str]]:
    """Merge every module's STRINGS, refusing a key defined twice."""
    merged: dict[str, dict[str, str]] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for key, translations in module.STRINGS.items():
            if key in merged:
                raise KeyError(f"translation key {key!r} is defined twice (again in {module_info.name})")
            merged[key] = translations
    return merged
