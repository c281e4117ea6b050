"""The Train page's pieces: its settings and presets, the training driver, the growing charts."""
