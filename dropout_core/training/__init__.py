"""d2l's Dropout experiment: data, models, config and presets, the engine, jobs, run records, summaries, saved runs."""
